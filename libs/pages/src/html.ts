/** HTML as the server writes it: every interpolated value is escaped unless it is already markup. */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

type Interpolated = string | number | Markup | readonly Markup[] | null | undefined | false;

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map((v: Markup) => v.text).join('');
  return escapeHtml(String(value));
}

/** html`<p>${text}</p>`: a template whose values are escaped. */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Markup {
  return new Markup(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''));
}
