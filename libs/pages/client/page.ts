// What every page's script shares: the language switch, a little DOM, and calls to the service's JSON API.
import { Catalogue, DEFAULT_LANGUAGE, Language, translate } from '../src/catalogue';

const LANGUAGE_KEY = 'idcard.language';

export function currentLanguage(): Language {
  return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : DEFAULT_LANGUAGE;
}

/** The page's translator, bound to its catalogue and the language chosen now. */
export type Translate<K extends string> = (key: K, values?: Record<string, string | number>) => string;

export function translator<K extends string>(messages: Catalogue<K>): Translate<K> {
  return (key, values) => translate(messages, currentLanguage(), key, values);
}

/**
 * Puts the chosen language on every data-i18n text (and data-i18n-placeholder, data-i18n-label), wires the
 * switch, and calls `redraw` after each switch so the script's own texts follow.
 */
export function speak<K extends string>(messages: Catalogue<K>, redraw: () => void): Translate<K> {
  const t = translator(messages);
  const apply = (thenRedraw: boolean) => {
    const language = currentLanguage();
    document.documentElement.lang = language;
    for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = t(node.dataset.i18n as K);
    for (const node of document.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder as K);
    for (const node of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel as K));
    const toggle = byId<HTMLButtonElement>('language-switch');
    toggle.textContent = language === 'en' ? '中文' : 'English';
    toggle.lang = language === 'en' ? 'zh-CN' : 'en';
    if (thenRedraw) redraw();
  };
  byId('language-switch').addEventListener('click', () => {
    localStorage.setItem(LANGUAGE_KEY, currentLanguage() === 'en' ? DEFAULT_LANGUAGE : 'en');
    apply(true);
  });
  // The page's script has not drawn anything yet (its translator is this function's answer): only the static texts.
  apply(false);
  return t;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node as T;
}

type Child = Node | string | null | undefined | false;

/** An element with attributes and children; text is always text, never markup. */
export function el<T extends keyof HTMLElementTagNameMap>(
  tag: T,
  attributes: Record<string, string | boolean> = {},
  ...children: Child[]
): HTMLElementTagNameMap[T] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

/** A date-time as a person reads it where the office is: China Standard Time. */
export function cstDateTime(iso: string, language: Language = currentLanguage()): string {
  return new Intl.DateTimeFormat(language, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function cstDay(iso: string, language: Language = currentLanguage()): string {
  return new Intl.DateTimeFormat(language, { timeZone: 'Asia/Shanghai', dateStyle: 'long' }).format(new Date(iso));
}

/** One error of the API's body: the field (a dotted path into the body) and why. */
export interface FieldError {
  field: string;
  reason: string;
}

/** An answer of the API: its status and JSON body (the error body when not 2xx). */
export interface Answer<T> {
  ok: boolean;
  status: number;
  body: T & { message?: string; code?: string; errors?: FieldError[] };
}

/** A call to the service's JSON API, with the staff member's token when there is one. */
export async function callApi<T = unknown>(method: string, path: string, body?: unknown, token?: string | null): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { message: text };
  }
  return { ok: response.ok, status: response.status, body: (parsed ?? {}) as Answer<T>['body'] };
}
