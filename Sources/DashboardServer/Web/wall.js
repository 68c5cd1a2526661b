// Wall mode, /wall/NAME[?rotate=a,b,c&every=60]: the dashboard filling the screen, dark, refreshed
// in place (new images decoded off-screen, then swapped into cells of fixed size), a clock, the
// latest deploy and its impact verdict (banner.js), stale-data warnings, and rotation through several dashboards. A dashboard with
// more rows than fit at a readable height is shown as several screens in turn.
'use strict';

(() => {
  const { el } = Metrics;
  const gap = 14;
  // Below this a graph is all legend and no plot, and a number is too small for across the room.
  const minRowHeight = 96;
  const first = Metrics.nameFromPath('/wall/');
  const rotation = rotationList(first, Metrics.params.get('rotate'));
  const every = Math.max(10, Number(Metrics.params.get('every')) || 30);
  let current = null;
  let turnTimer = null;

  function rotationList(start, text) {
    const names = (text || '').split(',').map((s) => s.trim()).filter(Boolean);
    if (!names.includes(start)) names.unshift(start);
    return names;
  }

  function tickClock() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    document.getElementById('clock-time').textContent = pad(now.getHours()) + ':' + pad(now.getMinutes());
    document.getElementById('clock-date').textContent =
      now.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
  }

  /** Screen `page` of a dashboard laid out off-stage (hidden, same size as the stage), loaded. */
  async function build(name, page) {
    const dashboard = await Metrics.json('/api/v1/dashboards/' + encodeURIComponent(name));
    const stage = document.getElementById('stage');
    const columns = Math.min(48, Math.max(1, dashboard.columns | 0 || 12));
    const maxRows = Math.max(1, Math.floor((stage.clientHeight + gap) / (minRowHeight + gap)));
    const screens = Metrics.pages(dashboard.panels || [], columns, maxRows);
    const index = Math.min(page, screens.length - 1);
    const board = Panels.grid({ ...dashboard, panels: screens[index] });
    const rowHeight = Math.floor((stage.clientHeight - gap * (board.rows - 1)) / Math.max(1, board.rows));
    board.root.style.gridTemplateRows = `repeat(${board.rows}, ${Math.max(40, rowHeight)}px)`;
    board.root.classList.add('offstage');
    stage.appendChild(board.root);
    const view = { name, page: index, pages: screens.length, dashboard, board, timer: null,
                   range: { from: dashboard.from || '-6h', until: '' }, images: new Map(), events: [], busy: false };
    for (const cell of board.cells) {
      if (cell.panel.type === 'text') Panels.renderText(cell);
      else if (!['graph', 'number'].includes(cell.panel.type)) Panels.showError(cell, 'Unknown panel type');
    }
    await withTimeout(refresh(view), 20000);
    return view;
  }

  function withTimeout(promise, ms) {
    return Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);
  }

  /** Fetches every panel again; images are swapped only once decoded. */
  async function refresh(view) {
    if (view.busy) return;
    view.busy = true;
    const events = [];
    await Promise.all(view.board.cells.map((cell) => refreshCell(view, cell, events)));
    view.events = events;
    view.busy = false;
    if (view === current) Banner.show(view.events);
  }

  async function refreshCell(view, cell, events) {
    const { panel, body } = cell;
    if (panel.type !== 'graph' && panel.type !== 'number') return;
    const maxPoints = Math.max(60, Math.min(1000, body.clientWidth));
    const data = Panels.series(view.name, panel, view.range, maxPoints).then((result) => {
      Panels.checkStale(cell, result);
      events.push(...(result.events || []));
      return result;
    });
    try {
      if (panel.type === 'number') {
        Panels.renderNumber(cell, await data);
      } else {
        const [{ blobURL }] = await Promise.all([
          Panels.png(view.name, panel, view.range, body.clientWidth, body.clientHeight, 'dark'), data.catch(() => null)]);
        const old = view.images.get(cell);
        if (old && old.isConnected) {
          view.images.set(cell, await Panels.swapImage(old, blobURL, 'graph'));
        } else {
          const img = await Panels.swapImage(null, blobURL, 'graph');
          img.alt = panel.title || 'graph';
          body.replaceChildren(img);
          view.images.set(cell, img);
        }
      }
      cell.root.classList.remove('failed');
      cell.root.classList.toggle('imaged', panel.type === 'graph');
    } catch (error) {
      cell.root.classList.remove('imaged');
      Panels.showError(cell, 'Unavailable: ' + error.message);
      view.images.delete(cell);
    }
  }

  function schedule(view) {
    const seconds = Math.max(5, Number(view.dashboard.refresh) || 60);
    view.timer = setTimeout(async () => {
      await refresh(view);
      if (view === current) schedule(view);
    }, seconds * 1000);
  }

  /** Puts a built view on stage and retires the previous one. */
  function show(view) {
    const old = current;
    current = view;
    view.board.root.classList.remove('offstage');
    const title = view.dashboard.title || view.dashboard.name || view.name;
    document.getElementById('title').textContent = title;
    document.getElementById('page').textContent = view.pages > 1 ? `${view.page + 1}/${view.pages}` : '';
    document.title = title + ' · wall';
    Banner.show(view.events);
    schedule(view);
    if (old) {
      clearTimeout(old.timer);
      old.board.root.remove();
      for (const img of old.images.values()) if (img.src.startsWith('blob:')) URL.revokeObjectURL(img.src);
    }
  }

  /** The next screen: the current dashboard's next page, else the next dashboard's first. */
  async function turn() {
    let name = current.name, page = current.page + 1;
    if (page >= current.pages) {
      name = rotation[(rotation.indexOf(current.name) + 1) % rotation.length];
      page = 0;
    }
    for (let tries = 0; tries < rotation.length; tries++) {
      if (name === current.name && page === current.page) break;
      try {
        show(await build(name, page));
        break;
      } catch {
        // A dashboard that cannot load is skipped; the current screen stays up.
        for (const stale of document.querySelectorAll('#stage .grid.offstage')) stale.remove();
        name = rotation[(rotation.indexOf(name) + 1) % rotation.length];
        page = 0;
      }
    }
    scheduleTurn();
  }

  function scheduleTurn() {
    clearTimeout(turnTimer);
    if (rotation.length > 1 || current.pages > 1) turnTimer = setTimeout(turn, every * 1000);
  }

  async function start() {
    tickClock();
    setInterval(tickClock, 1000);
    try {
      show(await build(first, 0));
    } catch (error) {
      document.getElementById('title').textContent = first;
      const status = document.getElementById('status');
      status.textContent = 'Could not load dashboard “' + first + '”: ' + error.message;
      status.hidden = false;
      setTimeout(() => location.reload(), 60000);
      return;
    }
    scheduleTurn();
    addEventListener('resize', relayout);
  }

  /** A kiosk that goes full screen after loading gets the layout for its new size. */
  let resizeTimer = null;
  function relayout() {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(async () => {
      if (!current) return;
      try { show(await build(current.name, 0)); } catch { /* the old layout stays */ }
      scheduleTurn();
    }, 500);
  }

  start();
})();
