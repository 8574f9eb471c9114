// Pages for the people who use the system: the shell every page shares, its assets, and the words in two languages.
export * from './catalogue';
export * from './html';
export * from './page-shell';
export * from './page-assets';
export * from './public-dir';
export * from './staff-sign-in';
export * from './staff-messages';
export * from './asyncapi-page';
