// The index: every dashboard with links to its interactive view and its wall mode.
'use strict';

(async () => {
  const status = document.getElementById('status');
  const list = document.getElementById('dashboards');
  try {
    const { dashboards } = await Metrics.json('/api/v1/dashboards');
    status.textContent = dashboards.length ? '' : 'No dashboards yet: add YAML files to the dashboards directory.';
    status.hidden = dashboards.length > 0;
    for (const dashboard of dashboards) {
      const item = Metrics.el('li');
      const view = Metrics.el('a', 'title', dashboard.title || dashboard.name);
      view.setAttribute('href', Metrics.url('/dashboards/' + encodeURIComponent(dashboard.name)));
      const wall = Metrics.el('a', 'wall-link', 'wall mode');
      wall.setAttribute('href', Metrics.url('/wall/' + encodeURIComponent(dashboard.name)));
      item.append(view, Metrics.el('span', 'name', dashboard.name), wall);
      list.appendChild(item);
    }
    if (dashboards.length > 1) {
      const item = Metrics.el('li', 'rotate');
      const names = dashboards.map((d) => d.name);
      const link = Metrics.el('a', 'wall-link', 'wall mode, rotating through all every 60 s');
      link.setAttribute('href', Metrics.url('/wall/' + encodeURIComponent(names[0]), { rotate: names.join(','), every: 60 }));
      item.appendChild(link);
      list.appendChild(item);
    }
  } catch (error) {
    status.textContent = 'Could not load the dashboards: ' + error.message;
    status.classList.add('error');
  }
})();
