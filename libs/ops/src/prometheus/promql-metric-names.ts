/** Words of PromQL that look like metric names but are not: operators, modifiers, grouping keywords, number words. */
const PROMQL_KEYWORDS = new Set(['and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'inf', 'nan']);

/**
 * The metric names a PromQL expression selects, so deployment material (alert rules, dashboards) can be checked
 * against what the services expose. Not a full parser: it drops what names labels or durations — strings, label
 * matchers `{…}`, ranges and subqueries `[…]`, grouping clauses `by (…)` — then keeps every identifier that is
 * not a function call, a keyword, a Grafana variable (`$…`) or part of a number (`1e3`, `5m`).
 */
export function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const name = match[0];
    const at = match.index;
    if (at > 0 && /[0-9.$]/.test(bare[at - 1])) continue;
    if (/^\s*\(/.test(bare.slice(at + name.length))) continue;
    if (PROMQL_KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}

/** Series a histogram or summary family `name` exposes besides (or instead of) its own name. */
export function seriesNamesOf(family: { name: string; type: string }): string[] {
  if (family.type === 'histogram') return [`${family.name}_bucket`, `${family.name}_sum`, `${family.name}_count`];
  if (family.type === 'summary') return [family.name, `${family.name}_sum`, `${family.name}_count`];
  return [family.name];
}

export interface UnknownMetric {
  /** Where the expression comes from: a rule's alert name, a dashboard panel's title. */
  where: string;
  expr: string;
  metric: string;
}

/** Every metric an expression names that is not among `known`: an empty list when the material is sound. */
export function unknownMetrics(expressions: readonly { where: string; expr: string }[], known: ReadonlySet<string>): UnknownMetric[] {
  return expressions.flatMap(({ where, expr }) => metricNamesIn(expr).flatMap((metric) => (known.has(metric) ? [] : [{ where, expr, metric }])));
}
