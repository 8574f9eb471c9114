// Development only (npm test, npm run contracts): @asyncapi/diff is a devDependency, so nothing a service loads imports this file.
import { diff } from '@asyncapi/diff';
import type { JSONOutput } from '@asyncapi/diff/lib/types';

/**
 * The compatibility rule of the message contract, as an override of @asyncapi/diff's standard (which leaves every
 * change inside a message's schemas unclassified). A message of the document is one type at one schema version;
 * once released, whatever its readers accepted must still be accepted, and what its senders write must still be
 * read, so inside its headers and payload only these changes are not breaking:
 * - a property added (a reader drops fields it does not know; one added to `required` too is breaking there);
 * - a description, title or example changed.
 * Everything else — a property removed, a type, pattern, enum, bound or format changed, a property made required or
 * optional — is breaking, and so is any change the standard does not classify: the check refuses what it cannot tell.
 */
type Classification = 'breaking' | 'non-breaking' | 'unclassified';
type Rule = { add: Classification; remove: Classification; edit: Classification };

const BREAKING: Rule = { add: 'breaking', remove: 'breaking', edit: 'breaking' };
const DOCUMENTATION: Rule = { add: 'non-breaking', remove: 'non-breaking', edit: 'non-breaking' };
const MESSAGE_PATH = '/components/messages';

/** Deepest nesting of objects and arrays the rule covers; a change deeper than this is unclassified, hence breaking. */
const MAX_DEPTH = 8;

const PROPERTY: Rule = { add: 'non-breaking', remove: 'breaking', edit: 'breaking' };

/** The standard's entries for a schema at `at` and every schema nested in it (the standard matches paths level by level). */
function schemaRules(at: string, own: Rule, depth: number, out: Record<string, Rule>): void {
  out[at] = own;
  out[`${at}/*`] = BREAKING;
  for (const key of ['description', 'title', 'examples']) out[`${at}/${key}`] = DOCUMENTATION;
  out[`${at}/examples/*`] = DOCUMENTATION;
  out[`${at}/required`] = BREAKING;
  out[`${at}/required/*`] = BREAKING;
  out[`${at}/properties`] = BREAKING;
  if (depth >= MAX_DEPTH) return;
  schemaRules(`${at}/properties/*`, PROPERTY, depth + 1, out);
  schemaRules(`${at}/items`, BREAKING, depth + 1, out);
}

function compatibilityStandard(): Record<string, Rule> {
  const message = `${MESSAGE_PATH}/*`;
  const out: Record<string, Rule> = {
    [MESSAGE_PATH]: { add: 'non-breaking', remove: 'breaking', edit: 'breaking' },
    // A new message (a type, or a new schema version of one) is not breaking; a released one removed or replaced is.
    [message]: { add: 'non-breaking', remove: 'breaking', edit: 'breaking' },
    [`${message}/*`]: BREAKING,
    [`${message}/bindings`]: BREAKING,
    [`${message}/bindings/kafka`]: BREAKING,
    [`${message}/bindings/kafka/*`]: BREAKING,
  };
  for (const key of ['title', 'summary', 'description']) out[`${message}/${key}`] = DOCUMENTATION;
  out[`${message}/correlationId`] = BREAKING;
  out[`${message}/correlationId/*`] = BREAKING;
  out[`${message}/correlationId/description`] = DOCUMENTATION;
  schemaRules(`${message}/payload`, BREAKING, 0, out);
  schemaRules(`${message}/headers`, BREAKING, 0, out);
  schemaRules(`${message}/bindings/kafka/key`, BREAKING, MAX_DEPTH, out);
  return out;
}

const STANDARD = compatibilityStandard();

export interface ContractChange {
  /** JSON pointer of the change in the document. */
  path: string;
  action: 'add' | 'remove' | 'edit';
  type: Classification;
  /** The message (`ApplicationSubmitted.v1`) the change is in. */
  message: string;
}

interface DiffChange {
  path: string;
  action: 'add' | 'remove' | 'edit';
  type: Classification;
}

/** The message a path of the document belongs to; null for a change outside components/messages. */
function messageOf(path: string): string | null {
  const [, components, messages, key] = path.split('/');
  return components === 'components' && messages === 'messages' && key ? key.replace(/~1/g, '/').replace(/~0/g, '~') : null;
}

/**
 * The changes from a released document to the current one that break a message the release holds: breaking by
 * the rule above, or unclassified. Channels, operations and the document's prose may change freely (a channel's
 * address is built by the code both sides run); new messages are never breaking. Both documents as JSON.
 */
export function breakingChanges(released: object, current: object): ContractChange[] {
  const releasedMessages = new Set(Object.keys((released as { components?: { messages?: object } }).components?.messages ?? {}));
  const changes = (diff(released, current, { override: STANDARD }).getOutput() as JSONOutput).changes as DiffChange[];
  return changes.flatMap((change) => {
    const message = messageOf(change.path);
    if (!message || !releasedMessages.has(message) || change.type === 'non-breaking') return [];
    return [{ path: change.path, action: change.action, type: change.type, message }];
  });
}

/** One line per change, for a test's or the script's failure. */
export function describeChanges(changes: readonly ContractChange[]): string {
  return changes.map((c) => `${c.message}: ${c.action} ${c.path} (${c.type})`).join('\n');
}
