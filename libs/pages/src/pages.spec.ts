import { catalogue, translate } from './catalogue';
import { html, Markup } from './html';
import { renderPage, translatable } from './page-shell';

describe('pages: catalogue, markup and shell', () => {
  const messages = catalogue({ title: '进度查询', hello: '你好，{name}' }, { title: 'Progress', hello: 'Hello, {name}' });

  it('translates with placeholders, Chinese first', () => {
    expect(translate(messages, 'zh-CN', 'hello', { name: '王芳' })).toBe('你好，王芳');
    expect(translate(messages, 'en', 'hello', { name: 'Wang' })).toBe('Hello, Wang');
    expect(translate(messages, 'en', 'hello')).toBe('Hello, {name}');
  });

  it('escapes every interpolated value unless it is markup', () => {
    expect(html`<p title="${'"><script>'}">${'<b>&'}</p>`.text).toBe('<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;&amp;</p>');
    expect(html`<div>${new Markup('<b>ok</b>')}${[new Markup('<i>1</i>'), new Markup('<i>2</i>')]}${null}${false}</div>`.text).toBe(
      '<div><b>ok</b><i>1</i><i>2</i></div>',
    );
    expect(translatable(catalogue({ a: '<x>' }, { a: 'y' }))('a').text).toBe('<span data-i18n="a">&lt;x&gt;</span>');
  });

  it('renders a page in Chinese with one module script and no inline script or style', () => {
    const page = renderPage({ name: 'track', messages, title: 'title', script: 'apps/x/src/pages/client/track', switchLabel: 'English', body: html`<p>x</p>` });
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('<title data-i18n="title">进度查询</title>');
    expect(page).toContain('<script type="module" src="/pages/assets/apps/x/src/pages/client/track.js"></script>');
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).not.toMatch(/<style|style="/);
  });
});
