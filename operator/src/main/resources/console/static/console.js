// Greenlight console: draws the charts with uPlot, follows the release through server-sent events, shows a
// state's input and output on a click, and asks before a control is sent.
(function () {
  'use strict';

  const charts = new Map();
  const GREEN = '#1f8a3b';
  const BLUE = '#2f5fb3';
  const SHADE = {PASS: 'rgba(31, 138, 59, 0.13)', FAIL: 'rgba(200, 40, 40, 0.16)',
    INCONCLUSIVE: 'rgba(181, 137, 0, 0.10)'};

  function width(el) {
    return Math.max(320, el.clientWidth || 600);
  }

  function stepped() {
    return uPlot.paths.stepped({align: 1});
  }

  function traffic(el) {
    const points = JSON.parse(el.dataset.points || '[]');
    if (!points.length) {
      return null;
    }
    const xs = points.map(p => p.t);
    const green = points.map(p => p.green);
    const blue = points.map(p => p.blue);
    const now = Date.now() / 1000;
    if (document.body.dataset.events && now > xs[xs.length - 1]) {
      // a running release holds its last share until now
      xs.push(now);
      green.push(green[green.length - 1]);
      blue.push(blue[blue.length - 1]);
    }
    return new uPlot({
      width: width(el), height: 190,
      scales: {x: {time: true}, y: {range: [0, 100]}},
      series: [{}, {label: 'green', stroke: GREEN, width: 2, paths: stepped(), points: {show: true, size: 6}},
        {label: 'blue', stroke: BLUE, width: 2, paths: stepped(), points: {show: true, size: 6}}],
      axes: [{}, {size: 56, values: (u, values) => values.map(v => v + '%')}]
    }, [xs, green, blue], el);
  }

  // each gate window shaded by its verdict, the verdict written on it
  function shadeWindows(looks) {
    return u => {
      const ctx = u.ctx;
      ctx.save();
      ctx.font = '11px sans-serif';
      looks.filter(l => l.from !== null && l.to !== null).forEach(l => {
        const left = u.valToPos(l.from, 'x', true);
        const right = u.valToPos(l.to, 'x', true);
        ctx.fillStyle = SHADE[l.verdict] || 'rgba(120, 120, 120, 0.12)';
        ctx.fillRect(left, u.bbox.top, Math.max(1, right - left), u.bbox.height);
        ctx.fillStyle = '#333';
        ctx.fillText(l.verdict, Math.max(left + 2, right - 78), u.bbox.top + 12);
      });
      ctx.restore();
    };
  }

  const METRICS = {
    requests: {
      series: [['green', GREEN, p => p.green.requests, false], ['blue', BLUE, p => p.blue && p.blue.requests, false]],
      value: v => String(Math.round(v))
    },
    errors: {
      series: [['green 5xx', GREEN, p => p.green.rate, false], ['blue 5xx', BLUE, p => p.blue && p.blue.rate, false]],
      value: v => v.toFixed(2) + '%',
      range: (u, min, max) => [0, Math.max(1, (max || 0) * 1.25)]
    },
    latency: {
      series: ['p50', 'p90', 'p99'].flatMap((q, i) => [
        ['green ' + q, GREEN, p => p.green.latency[i], false],
        ['blue ' + q, BLUE, p => p.blue && p.blue.latency[i], true]]),
      value: v => v.toFixed(0) + ' ms'
    }
  };

  function metric(el, kind) {
    const periods = JSON.parse(el.dataset.periods || '[]');
    const looks = JSON.parse(el.dataset.looks || '[]');
    if (!periods.length) {
      return null;
    }
    const spec = METRICS[kind];
    const data = [periods.map(p => p.t)].concat(spec.series.map(s => periods.map(p => {
      const v = s[2](p);
      return v === undefined ? null : v;
    })));
    const scales = {x: {time: true}};
    if (spec.range) {
      scales.y = {range: spec.range};
    }
    return new uPlot({
      width: Math.max(300, el.clientWidth || 400), height: 170, scales: scales,
      series: [{}].concat(spec.series.map(s => ({label: s[0], stroke: s[1], width: 1.6, dash: s[3] ? [5, 3] : undefined,
        paths: stepped(), points: {show: false}, spanGaps: false}))),
      axes: [{}, {size: 62, values: (u, values) => values.map(spec.value)}],
      legend: {show: kind !== 'latency'},
      hooks: {drawClear: [shadeWindows(looks)]}
    }, data, el);
  }

  function drawCharts(root) {
    if (!window.uPlot) {
      return;
    }
    root.querySelectorAll('[data-chart]').forEach(el => {
      const name = el.dataset.chart;
      if (charts.has(name)) {
        charts.get(name).destroy();
        charts.delete(name);
      }
      const chart = name === 'traffic' ? traffic(el) : metric(el, name);
      if (chart) {
        charts.set(name, chart);
      }
    });
  }

  // keeps the state the execution is in (or failed in) in view as it moves, without fighting a scroll by hand
  let centred = null;

  function centre() {
    const graph = document.querySelector('[data-section="graph"]');
    const state = graph && (graph.querySelector('.state.current') || graph.querySelector('.state.failed'));
    if (!state) {
      return;
    }
    const name = state.getAttribute('data-state');
    if (name === centred) {
      return;
    }
    centred = name;
    const box = state.getBoundingClientRect();
    const frame = graph.getBoundingClientRect();
    graph.scrollBy({left: box.left + box.width / 2 - (frame.left + frame.width / 2),
      top: box.top + box.height / 2 - (frame.top + frame.height / 2)});
  }

  function follow() {
    const url = document.body.dataset.events;
    if (!url || !window.EventSource) {
      return;
    }
    const source = new EventSource(url);
    const shown = {};
    source.addEventListener('update', event => {
      const update = JSON.parse(event.data);
      Object.entries(update.sections).forEach(([name, html]) => {
        if (shown[name] === html) {
          return;
        }
        shown[name] = html;
        const current = document.querySelector('[data-section="' + name + '"]');
        const template = document.createElement('template');
        template.innerHTML = html.trim();
        const fresh = template.content.firstElementChild;
        if (current && fresh) {
          const scroll = name === 'graph' ? [current.scrollLeft, current.scrollTop] : null;
          current.replaceWith(fresh);
          if (scroll) {
            fresh.scrollLeft = scroll[0];
            fresh.scrollTop = scroll[1];
            centre();
          }
          drawCharts(fresh.parentElement || document);
        }
      });
      if (update.ended) {
        source.close();
        delete document.body.dataset.events;
        document.body.dataset.ended = 'true';
      }
    });
    source.addEventListener('ended', () => source.close());
  }

  function showState(state) {
    const url = document.body.dataset.states;
    const detail = document.querySelector('[data-state-detail]');
    if (!url || !detail) {
      return;
    }
    const name = state.getAttribute('data-state');
    document.querySelectorAll('.workflow .selected').forEach(s => s.classList.remove('selected'));
    state.classList.add('selected');
    fetch(url + '?name=' + encodeURIComponent(name), {credentials: 'same-origin'})
      .then(response => response.json().then(body => ({ok: response.ok, body: body})))
      .then(({ok, body}) => {
        detail.hidden = false;
        detail.querySelector('[data-state-name]').textContent = name;
        detail.querySelector('[data-state-when]').textContent = ok
          ? 'entered ' + body.entered + (body.entered === 1 ? ' time' : ' times') + ', last at ' + body.enteredAt
          : body.message;
        detail.querySelector('[data-state-input]').textContent = ok ? body.input : '';
        detail.querySelector('[data-state-output]').textContent = ok
          ? (body.output === null ? '(still running)' : body.output) : '';
      });
  }

  document.addEventListener('click', event => {
    const state = event.target.closest && event.target.closest('.workflow [data-state]');
    if (state) {
      showState(state);
    }
  });
  document.addEventListener('keydown', event => {
    const state = event.key === 'Enter' && event.target.closest && event.target.closest('.workflow [data-state]');
    if (state) {
      showState(state);
    }
  });
  document.addEventListener('submit', event => {
    const form = event.target;
    if (form.matches('form.control') && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
  document.addEventListener('DOMContentLoaded', () => {
    drawCharts(document);
    centre();
    follow();
  });
})();
