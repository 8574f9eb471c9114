/**
 * The words of a page in each language it speaks: Chinese first, English on request. A catalogue is plain data,
 * read by the server (the page as first sent, in Chinese) and by the page's script (the switch, and what it draws).
 */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export type Catalogue<K extends string = string> = Readonly<Record<Language, Readonly<Record<K, string>>>>;

/** Both languages must have every key: the compiler checks it at the definition. */
export function catalogue<K extends string>(zh: Record<K, string>, en: Record<K, string>): Catalogue<K> {
  return { 'zh-CN': zh, en };
}

/** The message for `key`, its {placeholders} filled in. */
export function translate<K extends string>(messages: Catalogue<K>, language: Language, key: K, values: Record<string, string | number> = {}): string {
  const text = messages[language][key] ?? messages[DEFAULT_LANGUAGE][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
