// The wall's deploy banner: the latest deploy (or rollback) in any panel's range, and the impact
// verdict the daemon stored for it, read from GET /api/v1/events (the series JSON carries no ids
// or verdicts). Text only through textContent.
'use strict';

const Banner = (() => {
  const { el } = Metrics;
  // An unjudged deploy younger than this says "judging…"; an older one belongs to a service
  // without error signals (the daemon judges after the after-window, 15 min by default).
  const judgingFor = 3600;
  let shown = null;

  /** Shows the latest deploy among `events` (series JSON timeline events), or hides the banner. */
  function show(events) {
    const deploys = events.filter((e) => e.kind === 'deploy' || e.kind === 'rollback');
    const latest = deploys.reduce((a, b) => (a && a.start >= b.start ? a : b), null);
    const banner = document.getElementById('banner');
    banner.hidden = !latest;
    if (!latest) { shown = null; return; }
    document.getElementById('banner-kind').textContent = latest.kind;
    document.getElementById('banner-label').textContent = latest.label || '';
    document.getElementById('banner-time').textContent =
      Metrics.formatTime(latest.start).slice(0, 5) + ' · ' + Panels.ago(Date.now() / 1000 - latest.start);
    banner.classList.toggle('rollback', latest.kind === 'rollback');
    const key = latest.start + '\n' + latest.kind + '\n' + latest.label;
    // A new deploy starts without a verdict; the same one keeps its verdict until the next answer.
    if (key !== shown) setVerdict(null);
    shown = key;
    verdictOf(latest).then((impact) => { if (shown === key) setVerdict(impact); }, () => {});
  }

  /** The stored impact of the deploy the timeline event stands for: `null` for none (yet). */
  async function verdictOf(latest) {
    const answer = await Metrics.json('/api/v1/events', { from: latest.start, until: latest.start, limit: 100 });
    const same = (answer.events || []).filter((e) => e.start === latest.start && e.what === latest.label &&
      String((e.tags || {}).kind || 'deploy').toLowerCase() === latest.kind);
    const event = same.find((e) => e.impact) || same[0];
    if (!event) return null;
    if (event.impact) return event.impact;
    const young = Date.now() / 1000 - latest.start < judgingFor;
    return young && (event.tags || {}).service ? { verdict: 'tooRecent' } : null;
  }

  /** regression and suspect with the worst signal's change, ok quietly, "judging…"; no data: nothing. */
  function setVerdict(impact) {
    const box = document.getElementById('banner-verdict');
    const banner = document.getElementById('banner');
    const verdict = impact && impact.verdict;
    const known = ['regression', 'suspect', 'ok', 'tooRecent'].includes(verdict);
    box.hidden = !known;
    box.className = 'banner-verdict' + (known ? ' ' + verdict : '');
    banner.classList.toggle('regression', verdict === 'regression');
    if (!known) { box.replaceChildren(); return; }
    const parts = [el('span', 'verdict-word', verdict === 'tooRecent' ? 'judging…' : verdict)];
    const worst = (impact.signals || [])[0];
    if ((verdict === 'regression' || verdict === 'suspect') && worst) {
      parts.push(el('span', 'verdict-change', change(worst)));
      box.title = worst.metric;
    } else {
      box.removeAttribute('title');
    }
    box.replaceChildren(...parts);
  }

  /** `5xx ×3.2` (the metric's last part); `5xx 0 → 4.2` when nothing was expected. */
  function change(signal) {
    const name = String(signal.metric || '').split('.').pop();
    const ratio = signal.ratio;
    if (Number.isFinite(ratio)) return `${name} ×${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}`;
    if (Number.isFinite(signal.after)) return `${name} ${Metrics.formatNumber(signal.expected ?? 0)} → ${Metrics.formatNumber(signal.after)}`;
    return name;
  }

  return { show, change };
})();
