// A graph PNG that shows the values under the cursor: the PNG is fetched to read its X-Graph-*
// headers (plot area and time span), the series JSON over exactly that span gives the values.
'use strict';

const Graph = (() => {
  const { el } = Metrics;
  const tooltip = () => document.getElementById('tooltip');

  /**
   * A graph of `panel` in `container`; `size()` gives the pixels to request. `load(range)` fetches
   * (again) and swaps the image in once decoded.
   */
  function create(dashboardName, panel, container, { theme, size, onClick }) {
    const state = { img: null, plot: null, dataPromise: null, seq: 0 };
    const guide = el('div', 'guide');
    guide.hidden = true;

    async function load(range) {
      const seq = ++state.seq;
      const { width, height } = size();
      const { blobURL, plot } = await Panels.png(dashboardName, panel, range, width, height, theme);
      if (seq !== state.seq) { URL.revokeObjectURL(blobURL); return; }
      if (!state.img || !state.img.isConnected) {
        const img = new Image();
        img.className = 'graph';
        img.alt = panel.title || 'graph';
        img.src = blobURL;
        try { await img.decode(); } catch { /* still shown */ }
        container.replaceChildren(img, guide);
        state.img = img;
      } else {
        state.img = await Panels.swapImage(state.img, blobURL, 'graph');
      }
      state.plot = Object.values(plot).every(Number.isFinite) && plot.width > 0 && plot.end > plot.start ? plot : null;
      state.dataPromise = null;
    }

    function data() {
      if (!state.dataPromise) {
        const plot = state.plot;
        state.dataPromise = Panels.series(dashboardName, panel, { from: String(plot.start), until: String(plot.end) }, plot.width)
          .catch((error) => ({ error }));
      }
      return state.dataPromise;
    }

    async function hover(event) {
      const { img, plot } = state;
      if (!img || !plot || event.target !== img) return hide();
      const rect = img.getBoundingClientRect();
      const scaleX = img.naturalWidth / rect.width, scaleY = img.naturalHeight / rect.height;
      const x = (event.clientX - rect.left) * scaleX;
      if (x < plot.left || x > plot.left + plot.width) return hide();
      const time = plot.start + ((x - plot.left) / plot.width) * (plot.end - plot.start);
      guide.hidden = false;
      guide.style.left = (img.offsetLeft + x / scaleX) + 'px';
      guide.style.top = (img.offsetTop + plot.top / scaleY) + 'px';
      guide.style.height = (plot.height / scaleY) + 'px';
      const result = await data();
      if (state.plot !== plot) return;
      show(event, result, time);
    }

    function show(event, result, time) {
      const box = tooltip();
      if (!box) return;
      const lines = [];
      if (result.error) {
        lines.push(el('div', 'tip-error', 'values unavailable: ' + result.error.message));
      } else {
        const step = result.step || 1;
        const index = Math.round((time - result.start) / step) - 1;
        let at = time;
        for (const series of result.series || []) {
          const point = series.points[Math.max(0, Math.min(series.points.length - 1, index))];
          if (point) at = point[0];
          const row = el('div', 'tip-row');
          row.append(el('span', 'tip-name', series.name),
                     el('span', 'tip-value', Metrics.formatNumber(point ? point[1] : null) + (panel.unit ? ' ' + panel.unit : '')));
          lines.push(row);
        }
        lines.unshift(el('div', 'tip-time', Metrics.formatTime(at, true)));
      }
      box.replaceChildren(...lines);
      box.hidden = false;
      const left = event.clientX + 18 + box.offsetWidth > innerWidth ? event.clientX - 18 - box.offsetWidth : event.clientX + 18;
      box.style.left = Math.max(4, left) + 'px';
      box.style.top = Math.min(innerHeight - box.offsetHeight - 4, event.clientY + 18) + 'px';
    }

    function hide() {
      guide.hidden = true;
      const box = tooltip();
      if (box) box.hidden = true;
    }

    container.addEventListener('mousemove', hover);
    container.addEventListener('mouseleave', hide);
    if (onClick) container.addEventListener('click', () => { hide(); onClick(); });

    return {
      load,
      dispose() {
        state.seq++;
        if (state.img && state.img.src.startsWith('blob:')) URL.revokeObjectURL(state.img.src);
        container.removeEventListener('mousemove', hover);
        container.removeEventListener('mouseleave', hide);
        hide();
      },
    };
  }

  return { create };
})();
