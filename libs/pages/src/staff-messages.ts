// Imports nothing: the pages' browser modules load it as it is.
/** The words of staff sign-in, part of every staff page's catalogue. */
export const STAFF_MESSAGES_ZH = {
  'signIn.title': '工作人员登录',
  'signIn.token': '访问令牌',
  'signIn.hint': '粘贴身份认证系统签发的令牌（开发环境：npm run ops -- token --role …）。令牌只保存在本标签页中。',
  'signIn.submit': '登录',
  'signIn.malformed': '这不是有效的令牌。',
  'signIn.wrongRole': '此页面需要 {role} 角色的令牌，当前令牌的角色是 {actual}。',
  'signIn.expired': '令牌已过期，请重新获取。',
  signOut: '退出登录',
  signedInAs: '当前用户：{name}（{where}）',
};

export const STAFF_MESSAGES_EN: Record<keyof typeof STAFF_MESSAGES_ZH, string> = {
  'signIn.title': 'Staff sign-in',
  'signIn.token': 'Access token',
  'signIn.hint': 'Paste the token your identity provider issued (development: npm run ops -- token --role …). It is kept in this tab only.',
  'signIn.submit': 'Sign in',
  'signIn.malformed': 'This is not a valid token.',
  'signIn.wrongRole': 'This page needs a {role} token; this token’s role is {actual}.',
  'signIn.expired': 'The token has expired; get a new one.',
  signOut: 'Sign out',
  signedInAs: 'Signed in: {name} ({where})',
};

export type StaffMessageKey = keyof typeof STAFF_MESSAGES_ZH;
