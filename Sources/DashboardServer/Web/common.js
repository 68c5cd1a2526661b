// Shared by the index, the interactive view and the wall: URLs with the read token, fetching,
// DOM building that never parses markup, number formatting, the panel grid and the sparkline.
'use strict';

const Metrics = (() => {
  const params = new URLSearchParams(location.search);
  const token = params.get('token');

  /** `path` with `query` (an object; empty values left out) and the page's read token. */
  function url(path, query = {}) {
    const parts = [];
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === '') continue;
      parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(String(value)));
    }
    if (token) parts.push('token=' + encodeURIComponent(token));
    return parts.length ? path + '?' + parts.join('&') : path;
  }

  /** The path segment after `prefix` (`/wall/` → the dashboard name), decoded. */
  function nameFromPath(prefix) {
    const rest = location.pathname.slice(prefix.length).split('/')[0];
    try { return decodeURIComponent(rest); } catch { return rest; }
  }

  async function json(path, query) {
    const response = await fetch(url(path, query), { cache: 'no-store' });
    if (!response.ok) throw new Error(await errorText(response));
    return response.json();
  }

  async function errorText(response) {
    let body = (await response.text()).trim();
    try { body = JSON.parse(body).error || body; } catch { /* plain text */ }
    body = String(body).slice(0, 300);
    return `${response.status}${body ? ': ' + body : ' ' + response.statusText}`;
  }

  /** A PNG fetched so that its X-Graph-* headers can be read; shown through a blob URL. */
  async function png(path, query) {
    const response = await fetch(url(path, query), { cache: 'no-store' });
    if (!response.ok) throw new Error(await errorText(response));
    const header = (name) => Number(response.headers.get('X-Graph-' + name));
    const plot = { left: header('Left'), top: header('Top'), width: header('Width'), height: header('Height'),
                   start: header('Start'), end: header('End') };
    return { blobURL: URL.createObjectURL(await response.blob()), plot };
  }

  /** An element with a class and text; never parses markup. */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  const prefixes = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];

  /** 1234567 → "1.23M"; small numbers keep up to three significant decimals. */
  function formatNumber(value) {
    if (value === null || value === undefined || !Number.isFinite(value)) return '–';
    const magnitude = Math.abs(value);
    for (const [size, suffix] of prefixes) {
      if (magnitude >= size) return trim((value / size).toPrecision(3)) + suffix;
    }
    if (magnitude === 0) return '0';
    if (magnitude < 0.001) return value.toExponential(1);
    return trim(magnitude >= 100 ? value.toFixed(0) : value.toPrecision(3));
  }

  function trim(text) { return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text; }

  function formatTime(epoch, withDate) {
    const date = new Date(epoch * 1000);
    const pad = (n) => String(n).padStart(2, '0');
    const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
    return withDate ? `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}` : time;
  }

  /**
   * Places panels on a grid of `columns` the way CSS grid's dense auto-placement would, so the
   * number of rows is known before layout (the wall sizes its rows from it).
   */
  function layout(panels, columns) {
    const taken = [];
    const free = (row, col, width, height) => {
      for (let r = row; r < row + height; r++) {
        for (let c = col; c < col + width; c++) if (taken[r] && taken[r][c]) return false;
      }
      return true;
    };
    let rows = 0;
    const places = panels.map((panel) => {
      const width = Math.min(Math.max(1, panel.width | 0), columns);
      // Bounded, so that a wild height cannot make the occupancy table huge.
      const height = Math.min(Math.max(1, panel.height | 0), 100);
      for (let row = 0; ; row++) {
        for (let col = 0; col + width <= columns; col++) {
          if (!free(row, col, width, height)) continue;
          for (let r = row; r < row + height; r++) {
            taken[r] = taken[r] || [];
            for (let c = col; c < col + width; c++) taken[r][c] = true;
          }
          rows = Math.max(rows, row + height);
          return { row: row + 1, col: col + 1, width, height };
        }
      }
    });
    return { places, rows };
  }

  /**
   * Splits panels into screens of at most `maxRows` grid rows, cutting only between rows that no
   * panel spans (a panel taller than `maxRows` gets a screen of its own rows).
   */
  function pages(panels, columns, maxRows) {
    const { places, rows } = layout(panels, columns);
    const spans = places.map((place) => ({ top: place.row - 1, bottom: place.row - 1 + place.height }));
    const clean = (row) => spans.every((span) => !(span.top < row && row < span.bottom));
    const result = [];
    for (let start = 0; start < rows;) {
      let cut = Math.min(rows, start + Math.max(1, maxRows));
      while (cut > start + 1 && !clean(cut)) cut--;
      if (!clean(cut)) { cut = start + 1; while (!clean(cut)) cut++; }
      result.push(panels.filter((_, i) => spans[i].top >= start && spans[i].top < cut));
      start = cut;
    }
    return result.length ? result : [panels];
  }

  /** The threshold (highest value not above `value`) that colours a number, or null. */
  function thresholdFor(value, thresholds) {
    if (value === null || !Array.isArray(thresholds)) return null;
    let match = null;
    for (const threshold of [...thresholds].sort((a, b) => a.value - b.value)) {
      if (value >= threshold.value) match = threshold;
    }
    return match;
  }

  const svgNS = 'http://www.w3.org/2000/svg';

  /** An SVG polyline of `points` ([t, v|null] pairs); gaps break the line. */
  function sparkline(points, color) {
    const svg = document.createElementNS(svgNS, 'svg');
    svg.setAttribute('viewBox', '0 0 100 30');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('class', 'sparkline');
    const known = points.filter((p) => p[1] !== null);
    if (known.length < 2) return svg;
    const t0 = points[0][0], t1 = points[points.length - 1][0];
    let low = Math.min(...known.map((p) => p[1])), high = Math.max(...known.map((p) => p[1]));
    if (high === low) { high += 1; low -= 1; }
    let segment = [];
    const flush = () => {
      if (segment.length > 1) {
        const line = document.createElementNS(svgNS, 'polyline');
        line.setAttribute('points', segment.join(' '));
        line.setAttribute('fill', 'none');
        line.setAttribute('stroke', color || 'currentColor');
        line.setAttribute('stroke-width', '1.5');
        line.setAttribute('vector-effect', 'non-scaling-stroke');
        svg.appendChild(line);
      }
      segment = [];
    };
    for (const [t, v] of points) {
      if (v === null) { flush(); continue; }
      const x = t1 === t0 ? 0 : ((t - t0) / (t1 - t0)) * 100;
      const y = 28 - ((v - low) / (high - low)) * 26;
      segment.push(x.toFixed(2) + ',' + y.toFixed(2));
    }
    flush();
    return svg;
  }

  /** The newest time with a known value over all series, or null. */
  function newestPoint(series) {
    let newest = null;
    for (const s of series || []) {
      for (let i = s.points.length - 1; i >= 0; i--) {
        if (s.points[i][1] !== null) { newest = Math.max(newest ?? 0, s.points[i][0]); break; }
      }
    }
    return newest;
  }

  return { params, token, url, nameFromPath, json, png, el, formatNumber, formatTime, layout, pages, thresholdFor,
           sparkline, newestPoint };
})();
