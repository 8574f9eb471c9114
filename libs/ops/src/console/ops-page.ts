/**
 * The operations page: plain HTML, CSS and script in one string (no build step, nothing fetched from the
 * internet). It polls /ops/lag every 2 s and draws lag per group and province as inline SVG. Everything that
 * comes from the cluster (group and topic names) is escaped before it is put into the page.
 */
export const OPS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Operations — idcard-exchange</title>
<style>
  :root { --ink: #1d2330; --muted: #5b6475; --line: #e3e6eb; }
  * { box-sizing: border-box; }
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #f4f5f7; color: var(--ink); }
  header { background: var(--ink); color: #fff; padding: 10px 20px; display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: baseline; }
  header h1 { font-size: 18px; margin: 0; }
  header .muted { color: #aeb6c4; }
  main { padding: 16px 20px; display: grid; gap: 16px; }
  section, .province { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; }
  h2 { font-size: 15px; margin: 0 0 8px; }
  .provinces { display: grid; grid-template-columns: repeat(auto-fill, minmax(680px, 1fr)); gap: 16px; }
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #eef0f3; font-variant-numeric: tabular-nums; white-space: nowrap; }
  th { font-weight: 600; color: var(--muted); font-size: 12px; }
  .num { text-align: right; }
  .status { font-weight: 600; padding: 1px 6px; border-radius: 3px; font-size: 12px; cursor: help; }
  .OK { background: #dff5e3; color: #17692b; }
  .WARNING { background: #fff2cc; color: #8a5d00; }
  .STALLED { background: #ffe0cc; color: #9a3a00; }
  .STOPPED { background: #fbd5d5; color: #9b1c1c; }
  .REWIND { background: #ead5fb; color: #5b1c9b; }
  .down { color: #9b1c1c; font-weight: 600; }
  .up { color: #17692b; }
  .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: middle; }
  .alert { color: #9b1c1c; }
  details summary { cursor: pointer; color: var(--muted); margin-top: 8px; }
  svg { display: block; margin-bottom: 6px; }
  svg text { font-size: 11px; fill: var(--muted); }
  .empty { color: var(--muted); font-style: italic; }
</style>
</head>
<body>
<header>
  <h1>Operations</h1>
  <span id="summary">loading …</span>
  <span id="updated" class="muted"></span>
</header>
<main>
  <section id="attention" hidden><h2>Needs attention</h2><ul id="attention-list"></ul></section>
  <div class="provinces" id="provinces"></div>
  <section id="other" hidden><h2>Other consumer groups</h2><div id="other-body"></div></section>
  <section><h2>Services</h2><div id="services"></div></section>
</main>
<script>
(function () {
  'use strict';
  var COLORS = { 'registry-office': '#2563eb', 'production-center': '#9333ea', 'receiving-office': '#0d9488' };
  var OTHER_COLORS = ['#64748b', '#b45309', '#be123c', '#15803d', '#0369a1'];
  var openDetails = {};

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }
  function num(n) { return n === null || n === undefined ? '—' : String(Math.round(n * 10) / 10); }
  function secs(s) {
    if (s === null || s === undefined) return '—';
    if (s < 10) return s.toFixed(1) + ' s';
    if (s < 120) return Math.round(s) + ' s';
    if (s < 7200) return Math.round(s / 60) + ' min';
    if (s < 172800) return (s / 3600).toFixed(1) + ' h';
    return (s / 86400).toFixed(1) + ' d';
  }
  function badge(status, reason) { return '<span class="status ' + esc(status) + '" title="' + esc(reason || '') + '">' + esc(status) + '</span>'; }
  function colorOf(group, i) { return (group.service && COLORS[group.service]) || OTHER_COLORS[i % OTHER_COLORS.length]; }
  function niceCeil(v) {
    if (v <= 5) return 5;
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var m = [1, 2, 5, 10].find(function (k) { return k * p >= v; });
    return m * p;
  }

  /** Lag of each group over time, one line per group. */
  function chart(groups, history, nowMs, W) {
    var H = 170, L = 44, R = 12, T = 8, B = 20;
    var oldest = nowMs;
    groups.forEach(function (g) { (history[g.groupId] || []).forEach(function (p) { oldest = Math.min(oldest, p[0]); }); });
    var span = Math.min(5 * 60000, Math.max(60000, nowMs - oldest));
    var max = 0;
    groups.forEach(function (g) { (history[g.groupId] || []).forEach(function (p) { if (p[0] >= nowMs - span) max = Math.max(max, p[1]); }); });
    max = niceCeil(max);
    function x(t) { return L + (W - L - R) * (1 - (nowMs - t) / span); }
    function y(v) { return T + (H - T - B) * (1 - v / max); }
    var out = '<svg viewBox="0 0 ' + W + ' ' + H + '" width="' + W + '" height="' + H + '" role="img" aria-label="consumer lag over the last ' + Math.round(span / 60000) + ' minutes">';
    [0, max / 2, max].forEach(function (v) {
      out += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + y(v) + '" y2="' + y(v) + '" stroke="#e3e6eb"/>';
      out += '<text x="' + (L - 6) + '" y="' + (y(v) + 4) + '" text-anchor="end">' + num(v) + '</text>';
    });
    out += '<text x="' + L + '" y="' + (H - 4) + '">−' + Math.round(span / 60000) + ' min</text>';
    out += '<text x="' + (W - R) + '" y="' + (H - 4) + '" text-anchor="end">now</text>';
    groups.forEach(function (g, i) {
      var pts = (history[g.groupId] || []).filter(function (p) { return p[0] >= nowMs - span; });
      if (!pts.length) return;
      var d = pts.map(function (p) { return x(p[0]).toFixed(1) + ',' + y(p[1]).toFixed(1); }).join(' ');
      out += '<polyline data-group="' + esc(g.groupId) + '" points="' + d + '" fill="none" stroke="' + colorOf(g, i) + '" stroke-width="2" stroke-linejoin="round"/>';
    });
    return out + '</svg>';
  }

  function vitalsOf(services, service, province) {
    return services.find(function (s) { return s.name === service && s.province === province; }) || null;
  }

  function groupRows(groups, services) {
    return groups.map(function (g, i) {
      var v = g.province ? vitalsOf(services, g.service, g.province) : null;
      return '<tr data-group="' + esc(g.groupId) + '" data-status="' + esc(g.status) + '">' +
        '<td><span class="swatch" style="background:' + colorOf(g, i) + '"></span>' + esc(g.service || g.groupId) + '</td>' +
        '<td>' + badge(g.status, g.partitions.filter(function (p) { return p.status === g.status; }).map(function (p) { return p.topic + '[' + p.partition + ']: ' + p.reason; }).join('\\n')) + '</td>' +
        '<td class="num lag">' + g.lag + '</td>' +
        '<td class="num lag-seconds">' + secs(g.lagSeconds) + '</td>' +
        '<td>' + esc(g.state) + ' (' + g.members + ')</td>' +
        '<td class="num">' + (v ? num(v.outboxBacklog) : '—') + '</td>' +
        '<td class="num">' + (v ? num(v.deadlinesAtRisk) + ' / ' + num(v.deadlinesBreached) : '—') + '</td>' +
        '</tr>';
    }).join('');
  }

  function partitionTable(groups) {
    var rows = [];
    groups.forEach(function (g) {
      g.partitions.forEach(function (p) {
        rows.push('<tr><td>' + esc(g.service || g.groupId) + '</td><td>' + esc(p.topic) + '</td><td class="num">' + p.partition + '</td>' +
          '<td class="num">' + (p.committedOffset === null ? '—' : p.committedOffset) + '</td><td class="num">' + p.endOffset + '</td>' +
          '<td class="num">' + p.lag + '</td><td class="num">' + secs(p.lagSeconds) + '</td><td>' + badge(p.status, p.reason) + '</td>' +
          '<td>' + esc(p.owner ? p.owner.clientId : '—') + '</td></tr>');
      });
    });
    if (!rows.length) return '<p class="empty">no partitions yet</p>';
    return '<div class="scroll"><table><thead><tr><th>group</th><th>topic</th><th class="num">partition</th><th class="num">committed</th><th class="num">end</th><th class="num">lag</th><th class="num">lag (time)</th><th>status</th><th>consumer</th></tr></thead><tbody>' + rows.join('') + '</tbody></table></div>';
  }

  function groupTable(groups, services) {
    return '<div class="scroll"><table><thead><tr><th>service</th><th>status</th><th class="num">lag</th><th class="num">oldest waiting</th><th>group state (members)</th><th class="num">outbox backlog</th><th class="num">deadlines at risk / breached</th></tr></thead><tbody>' +
      groupRows(groups, services) + '</tbody></table></div>';
  }

  function detailsBlock(key, groups) {
    return '<details data-key="' + esc(key) + '"' + (openDetails[key] ? ' open' : '') + '><summary>partitions</summary>' + partitionTable(groups) + '</details>';
  }

  function rememberDetails() {
    document.querySelectorAll('details[data-key]').forEach(function (d) { openDetails[d.getAttribute('data-key')] = d.open; });
  }

  function render(s) {
    rememberDetails();
    var nowMs = Date.parse(s.at);
    // Charts as wide as a card's content (cards are laid out by the grid before they are filled).
    var card = document.querySelector('.province');
    var chartWidth = Math.max(420, Math.min(1400, (card ? card.clientWidth : 680) - 34));
    var byProvince = {};
    var other = [];
    s.groups.forEach(function (g) {
      if (g.province) (byProvince[g.province] = byProvince[g.province] || []).push(g);
      else other.push(g);
    });
    s.services.forEach(function (v) { byProvince[v.province] = byProvince[v.province] || []; });

    var provinces = Object.keys(byProvince).sort();
    document.getElementById('provinces').innerHTML = provinces.map(function (p) {
      var groups = byProvince[p].sort(function (a, b) { return a.groupId < b.groupId ? -1 : 1; });
      var name = (groups[0] && groups[0].provinceName) || '';
      return '<div class="province" data-province="' + esc(p) + '"><h2>Province ' + esc(p) + (name ? ' — ' + esc(name) : '') + '</h2>' +
        (groups.length ? chart(groups, s.history, nowMs, chartWidth) + groupTable(groups, s.services) + detailsBlock('p' + p, groups) : '<p class="empty">no consumer groups yet</p>') + '</div>';
    }).join('');

    var otherSection = document.getElementById('other');
    otherSection.hidden = other.length === 0;
    if (other.length) document.getElementById('other-body').innerHTML = chart(other, s.history, nowMs, chartWidth) + groupTable(other, s.services) + detailsBlock('other', other);

    document.getElementById('services').innerHTML = s.services.length
      ? '<table><thead><tr><th>service</th><th>province</th><th>/metrics</th><th class="num">outbox backlog</th><th class="num">oldest unsent</th><th class="num">deadlines at risk</th><th class="num">breached</th><th class="num">dead-lettered</th></tr></thead><tbody>' +
        s.services.map(function (v) {
          return '<tr data-service="' + esc(v.name + '-' + v.province) + '"><td><a href="' + esc(v.url) + '/docs">' + esc(v.name) + '</a></td><td>' + esc(v.province) + '</td>' +
            '<td class="' + (v.up ? 'up">up' : 'down" title="' + esc(v.error || '') + '">down') + '</td>' +
            '<td class="num">' + num(v.outboxBacklog) + '</td><td class="num">' + secs(v.outboxOldestAgeSeconds) + '</td>' +
            '<td class="num">' + num(v.deadlinesAtRisk) + '</td><td class="num">' + num(v.deadlinesBreached) + '</td><td class="num">' + num(v.deadLettered) + '</td></tr>';
        }).join('') + '</tbody></table>'
      : '<p class="empty">no services configured</p>';

    var attention = [];
    if (s.kafkaError) attention.push('Kafka (' + s.brokers.join(',') + ') cannot be read: ' + s.kafkaError);
    s.groups.forEach(function (g) {
      g.partitions.forEach(function (p) { if (p.status !== 'OK') attention.push(g.groupId + ' ' + p.topic + '[' + p.partition + '] ' + p.status + ': ' + p.reason); });
    });
    s.services.forEach(function (v) { if (!v.up) attention.push(v.name + ' ' + v.province + ' /metrics unreachable: ' + (v.error || '')); });
    document.getElementById('attention').hidden = attention.length === 0;
    document.getElementById('attention-list').innerHTML = attention.map(function (a) { return '<li class="alert">' + esc(a) + '</li>'; }).join('');

    var notOk = s.groups.filter(function (g) { return g.status !== 'OK'; }).length;
    var totalLag = s.groups.reduce(function (sum, g) { return sum + g.lag; }, 0);
    var reporting = s.services.filter(function (v) { return v.deadlinesAtRisk !== null; });
    var atRisk = reporting.reduce(function (sum, v) { return sum + v.deadlinesAtRisk; }, 0);
    var breached = reporting.reduce(function (sum, v) { return sum + (v.deadlinesBreached || 0); }, 0);
    document.getElementById('summary').textContent = s.groups.length + ' consumer group' + (s.groups.length === 1 ? '' : 's') + ' · ' + notOk + ' not OK · total lag ' + totalLag +
      (reporting.length ? ' · deadlines at risk ' + atRisk + ', breached ' + breached : '') + ' · status window ' + s.windowSeconds + ' s';
    document.getElementById('updated').textContent = 'updated ' + new Date(nowMs).toLocaleTimeString();
  }

  function poll() {
    fetch('/ops/lag', { cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error('/ops/lag answered ' + r.status); return r.json(); })
      .then(render)
      .catch(function (e) { document.getElementById('updated').textContent = 'console unreachable: ' + e.message; })
      .finally(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
</script>
</body>
</html>
`;
