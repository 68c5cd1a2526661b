// Panel pieces shared by the interactive view and the wall: the cell on the grid, number and text
// panels, and the stale-data check. Server strings only ever reach textContent or setAttribute.
'use strict';

const Panels = (() => {
  const { el } = Metrics;

  /** A dashboard's grid: fixed columns, panels placed explicitly so rows are known up front. */
  function grid(dashboard) {
    const columns = Math.min(48, Math.max(1, dashboard.columns | 0 || 12));
    const panels = dashboard.panels || [];
    const { places, rows } = Metrics.layout(panels, columns);
    const root = el('div', 'grid');
    root.style.gridTemplateColumns = `repeat(${columns}, minmax(0, 1fr))`;
    const cells = panels.map((panel, index) => {
      const cell = shell(panel);
      const place = places[index];
      cell.root.style.gridColumn = `${place.col} / span ${place.width}`;
      cell.root.style.gridRow = `${place.row} / span ${place.height}`;
      root.appendChild(cell.root);
      return cell;
    });
    return { root, cells, rows, columns };
  }

  /** A panel's frame: a title bar with room for badges, and a body the content fills. */
  function shell(panel) {
    const root = el('section', 'panel panel-' + (['graph', 'number', 'text'].includes(panel.type) ? panel.type : 'unknown'));
    root.dataset.panel = String(panel.id);
    const head = el('header', 'panel-head');
    const title = el('h2', 'panel-title', panel.title || '');
    title.setAttribute('title', panel.title || '');
    const badges = el('span', 'badges');
    if (panel.truncated) {
      const badge = el('span', 'badge', 'truncated');
      badge.setAttribute('title', 'The metric patterns matched more series than a panel shows.');
      badges.appendChild(badge);
    }
    const stale = el('span', 'badge stale');
    stale.hidden = true;
    badges.appendChild(stale);
    head.append(title, badges);
    const body = el('div', 'panel-body');
    root.append(head, body);
    return { panel, root, head, body, stale };
  }

  /** Shows `message` in the panel body in place of its content. */
  function showError(cell, message) {
    cell.root.classList.add('failed');
    const note = el('p', 'panel-error', message);
    cell.body.replaceChildren(note);
  }

  function renderText(cell) {
    cell.body.replaceChildren(el('div', 'text-content', cell.panel.text || ''));
  }

  /** Big last value, unit and a sparkline, coloured by the threshold the value reached. */
  function renderNumber(cell, data) {
    const series = (data.series || [])[0];
    const value = series && series.summary ? series.summary.last : null;
    const threshold = Metrics.thresholdFor(value, cell.panel.thresholds);
    const box = el('div', 'number');
    const line = el('div', 'number-line');
    const reading = el('span', 'number-reading');
    reading.appendChild(el('span', 'number-value', Metrics.formatNumber(value)));
    if (cell.panel.unit) reading.appendChild(el('span', 'number-unit', cell.panel.unit));
    line.appendChild(reading);
    box.appendChild(line);
    const label = el('div', 'number-label', threshold && threshold.label ? threshold.label : '');
    if (threshold && threshold.color) {
      box.style.color = threshold.color;
      box.classList.add('coloured');
    }
    box.appendChild(label);
    box.appendChild(Metrics.sparkline(series ? series.points : [], threshold ? threshold.color : null));
    cell.body.replaceChildren(box);
  }

  /** Marks the panel stale when its newest known point is older than three steps. */
  function checkStale(cell, data, now = Date.now() / 1000) {
    const newest = Metrics.newestPoint(data.series);
    const limit = 3 * Math.max(1, data.step || 1);
    let message = null;
    if (newest === null) message = 'no data';
    else if (now - newest > limit) message = 'stale ' + ago(now - newest).replace(' ago', '');
    cell.stale.hidden = message === null;
    cell.stale.textContent = message || '';
    cell.root.classList.toggle('is-stale', message !== null);
  }

  function ago(seconds) {
    if (seconds < 120) return Math.round(seconds) + ' s ago';
    if (seconds < 7200) return Math.round(seconds / 60) + ' min ago';
    if (seconds < 172800) return Math.round(seconds / 3600) + ' h ago';
    return Math.round(seconds / 86400) + ' days ago';
  }

  /** The panel's series JSON over `range`. */
  function series(dashboardName, panel, range, maxPoints) {
    const path = '/api/v1/dashboards/' + encodeURIComponent(dashboardName) + '/panels/' + encodeURIComponent(panel.id) + '/series';
    return Metrics.json(path, { from: range.from, until: range.until, maxPoints: Math.max(1, Math.min(20000, Math.round(maxPoints))) });
  }

  /** The panel's PNG over `range` at `width` × `height` pixels, with its plot area. */
  function png(dashboardName, panel, range, width, height, theme) {
    const path = '/dashboards/' + encodeURIComponent(dashboardName) + '/panels/' + encodeURIComponent(panel.id) + '.png';
    return Metrics.png(path, {
      from: range.from, until: range.until, theme,
      width: Math.max(100, Math.min(4000, Math.floor(width))), height: Math.max(50, Math.min(3000, Math.floor(height))),
    });
  }

  /** Loads `blobURL` into a new image and swaps it for `old` once decoded: no flicker, same box. */
  async function swapImage(old, blobURL, className) {
    const next = new Image();
    next.className = className;
    next.alt = old ? old.alt : '';
    next.src = blobURL;
    try { await next.decode(); } catch { /* shown anyway: a broken image says more than none */ }
    if (old && old.parentNode) {
      old.replaceWith(next);
      if (old.src.startsWith('blob:')) URL.revokeObjectURL(old.src);
    }
    return next;
  }

  return { grid, shell, showError, renderText, renderNumber, checkStale, ago, series, png, swapImage };
})();
