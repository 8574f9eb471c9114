// Staff sign-in for the pages: a token from the province's identity provider, kept for this browser tab only
// (sessionStorage) and sent as a bearer header, so a page calls the same guarded routes as any other client.
import { Answer, byId, callApi } from './page';

const TOKEN_KEY = 'idcard.staff-token';

/** What the page shows of the token (the server verifies it on every call; the page only reads it). */
export interface StaffMember {
  name: string;
  role: string;
  province: string | null;
  office: string | null;
  expiresAt: Date | null;
}

function base64UrlDecode(part: string): string {
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The claims of a JWT, unverified (for display), or null when it is not one. */
export function readToken(token: string): StaffMember | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const claims = JSON.parse(base64UrlDecode(parts[1])) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      name: text(claims.name) ?? text(claims.sub) ?? '',
      role: text(claims.role) ?? '',
      province: text(claims.province),
      office: text(claims.office),
      expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
    };
  } catch {
    return null;
  }
}

export interface StaffSession {
  token: string;
  member: StaffMember;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<Answer<T>>;
}

export interface SignInOptions {
  /** The role the page is for: a token of another role is refused at once, with `wrongRole`. */
  role: string;
  /** Called with the session once signed in (and again after a reload of the tab). */
  onSignedIn(session: StaffSession): void;
  /** Called when the staff member signs out or the service refuses the token (401). */
  onSignedOut(): void;
  /** Texts: a malformed token, one of another role, one that has expired. */
  messages: { malformed: string; wrongRole: (role: string) => string; expired: string };
}

/**
 * Wires the sign-in form (#sign-in with #token and #sign-in-error) and the sign-out button (#sign-out). A 401
 * from any call signs the member out: the token has expired or was never good.
 */
export function staffSignIn(options: SignInOptions): void {
  const form = byId<HTMLFormElement>('sign-in');
  const input = byId<HTMLTextAreaElement>('token');
  const error = byId('sign-in-error');
  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    options.onSignedOut();
  };
  const start = (token: string): string | null => {
    const member = readToken(token);
    if (!member) return options.messages.malformed;
    if (member.role !== options.role) return options.messages.wrongRole(member.role);
    if (member.expiresAt && member.expiresAt.getTime() < Date.now()) return options.messages.expired;
    sessionStorage.setItem(TOKEN_KEY, token);
    options.onSignedIn({
      token,
      member,
      async api<T>(method: string, path: string, body?: unknown) {
        const answer = await callApi<T>(method, path, body, token);
        if (answer.status === 401) signOut();
        return answer;
      },
    });
    return null;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const problem = start(input.value.trim());
    error.textContent = problem ?? '';
    input.setAttribute('aria-invalid', problem ? 'true' : 'false');
    if (!problem) input.value = '';
  });
  byId('sign-out').addEventListener('click', signOut);
  const kept = sessionStorage.getItem(TOKEN_KEY);
  if (kept && start(kept) === null) return;
  sessionStorage.removeItem(TOKEN_KEY);
  options.onSignedOut();
}
