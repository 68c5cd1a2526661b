// The interactive view of /dashboards/NAME: panels on a grid, a time range kept in the URL,
// hover values, click to enlarge, and a refresh every `refresh` seconds while the range ends now.
'use strict';

(() => {
  const { el } = Metrics;
  const name = Metrics.nameFromPath('/dashboards/');
  const presets = ['1h', '6h', '1d', '1w', '30d'];
  const rowHeight = 110;
  let dashboard = null;
  let range = { from: '-6h', until: '' };
  let loaders = [];
  let refreshTimer = null;

  function readRange() {
    const params = new URLSearchParams(location.search);
    return { from: params.get('from') || (dashboard && dashboard.from) || '-6h', until: params.get('until') || '' };
  }

  function writeRange(next) {
    const params = new URLSearchParams(location.search);
    params.set('from', next.from);
    if (next.until) params.set('until', next.until); else params.delete('until');
    history.pushState(null, '', location.pathname + '?' + params.toString());
    range = next;
    showRange();
    loadAll();
  }

  function showRange() {
    document.getElementById('from').value = range.from;
    document.getElementById('until').value = range.until;
    for (const button of document.querySelectorAll('#presets button')) {
      button.classList.toggle('active', !range.until && range.from === '-' + button.dataset.span);
    }
  }

  function setUpRangePicker() {
    const box = document.getElementById('presets');
    for (const span of presets) {
      const button = el('button', 'preset', span);
      button.type = 'button';
      button.dataset.span = span;
      button.addEventListener('click', () => writeRange({ from: '-' + span, until: '' }));
      box.appendChild(button);
    }
    document.getElementById('range').addEventListener('submit', (event) => {
      event.preventDefault();
      const from = document.getElementById('from').value.trim() || dashboard.from || '-6h';
      writeRange({ from, until: document.getElementById('until').value.trim() });
    });
    addEventListener('popstate', () => { range = readRange(); showRange(); loadAll(); });
  }

  /** One loader per panel: `load()` fetches its content for the current range. */
  function loaderFor(cell) {
    const { panel } = cell;
    if (panel.type === 'graph') {
      cell.body.classList.add('graph-body');
      const graph = Graph.create(name, panel, cell.body, {
        theme: 'light',
        size: () => ({ width: cell.body.clientWidth, height: cell.body.clientHeight }),
        onClick: () => enlarge(panel),
      });
      cell.root.classList.add('clickable');
      return () => graph.load(range)
        .then(() => { cell.root.classList.remove('failed'); cell.root.classList.add('imaged'); })
        .catch((error) => { cell.root.classList.remove('imaged'); Panels.showError(cell, 'Graph unavailable: ' + error.message); });
    }
    if (panel.type === 'number') {
      return () => Panels.series(name, panel, range, 120)
        .then((data) => {
          Panels.renderNumber(cell, data);
          if (!range.until || range.until === 'now') Panels.checkStale(cell, data);
        })
        .catch((error) => Panels.showError(cell, 'Value unavailable: ' + error.message));
    }
    if (panel.type === 'text') Panels.renderText(cell);
    else Panels.showError(cell, 'Unknown panel type: ' + panel.type);
    return null;
  }

  function loadAll() {
    for (const load of loaders) load();
    clearTimeout(refreshTimer);
    const seconds = Math.max(5, Number(dashboard.refresh) || 60);
    // A fixed range never changes; a range that ends now moves on.
    if (!range.until || range.until === 'now') refreshTimer = setTimeout(loadAll, seconds * 1000);
  }

  let overlayGraph = null;

  function enlarge(panel) {
    const overlay = document.getElementById('overlay');
    const body = document.getElementById('overlay-body');
    document.getElementById('overlay-title').textContent = panel.title || '';
    overlay.hidden = false;
    if (overlayGraph) overlayGraph.dispose();
    overlayGraph = Graph.create(name, panel, body, {
      theme: 'light',
      size: () => ({ width: body.clientWidth, height: body.clientHeight }),
    });
    body.replaceChildren(el('p', 'status', 'Loading…'));
    overlayGraph.load(range).catch((error) => body.replaceChildren(el('p', 'panel-error', 'Graph unavailable: ' + error.message)));
  }

  function closeOverlay() {
    document.getElementById('overlay').hidden = true;
    if (overlayGraph) { overlayGraph.dispose(); overlayGraph = null; }
    document.getElementById('overlay-body').replaceChildren();
  }

  function setUpOverlay() {
    document.getElementById('overlay-close').addEventListener('click', closeOverlay);
    document.getElementById('overlay').addEventListener('click', (event) => {
      if (event.target.id === 'overlay') closeOverlay();
    });
    addEventListener('keydown', (event) => { if (event.key === 'Escape') closeOverlay(); });
  }

  /** Reloads graphs whose cell changed size, once the window stops changing. */
  function setUpResize() {
    let timer = null;
    addEventListener('resize', () => {
      clearTimeout(timer);
      timer = setTimeout(() => loadAll(), 400);
    });
  }

  async function start() {
    document.getElementById('home').setAttribute('href', Metrics.url('/'));
    document.getElementById('wall').setAttribute('href', Metrics.url('/wall/' + encodeURIComponent(name)));
    const status = document.getElementById('status');
    try {
      dashboard = await Metrics.json('/api/v1/dashboards/' + encodeURIComponent(name));
    } catch (error) {
      document.getElementById('title').textContent = name;
      status.textContent = 'Could not load dashboard “' + name + '”: ' + error.message;
      status.classList.add('error');
      status.hidden = false;
      return;
    }
    const title = dashboard.title || dashboard.name || name;
    document.getElementById('title').textContent = title;
    document.title = title + ' · metrics';
    range = readRange();
    setUpRangePicker();
    setUpOverlay();
    setUpResize();
    showRange();
    const board = Panels.grid(dashboard);
    board.root.style.gridTemplateRows = `repeat(${board.rows}, ${rowHeight}px)`;
    document.getElementById('board').replaceChildren(board.root);
    loaders = board.cells.map(loaderFor).filter(Boolean);
    loadAll();
  }

  start();
})();
