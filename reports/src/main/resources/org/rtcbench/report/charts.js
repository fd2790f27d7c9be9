// Draws every chart container (a div of class chart with data-chart="KIND:KEY") of a report or compare page from RTCBENCH_DATA
// (written by ChartData or CompareView), then marks <body data-charts-rendered="N" data-charts-ms="T">,
// T the page's time in ms when the last chart was drawn (benchmarks read it). A null value is a gap in a
// line: a metric not measured is never drawn as zero. Many peers are drawn as bands, a few as a line each.
(function () {
  'use strict';
  var data = RTCBENCH_DATA;

  function zip(t, values) {
    var out = new Array(t.length);
    for (var i = 0; i < t.length; i++) {
      out[i] = [t[i], values[i]];
    }
    return out;
  }

  function base(title) {
    return {
      animation: false,
      title: { text: title, textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' },
      legend: { top: 22, type: 'scroll' },
      grid: { top: 60, left: 55, right: 20, bottom: 30 }
    };
  }

  function line(name, points) {
    return { name: name, type: 'line', showSymbol: false, connectNulls: false, sampling: 'lttb', data: points };
  }

  // The timeline's network changes, as vertical lines with their change as label.
  function markers(series) {
    if (!data.markers || data.markers.length === 0 || series.length === 0) {
      return;
    }
    series[0].markLine = {
      symbol: 'none', silent: true, animation: false,
      lineStyle: { type: 'dashed', color: '#888' },
      label: { formatter: '{b}', position: 'insideEndTop', fontSize: 10 },
      data: data.markers.map(function (m) { return { xAxis: m.t, name: m.label }; })
    };
  }

  // Many peers: the p5 and p95 across peers at each second as thin lines with the band between them
  // filled, and the p50 as the line to read. The fill is a custom series that draws one polygon per run
  // of seconds with both edges known, so a gap stays a gap (stacked areas would misdraw around zero).
  function bandChart(id, spec) {
    var b = data.band[id];
    var colour = '#5470c6';
    var option = base(id + ' (' + spec.unit + '): p5, p50 and p95 across peers');
    option.xAxis = { type: 'value', name: 's', min: 0, max: 'dataMax' };
    option.yAxis = { type: 'value', scale: true };
    function edge(name, values, width) {
      return { name: name, type: 'line', showSymbol: false, connectNulls: false, data: zip(b.t, values),
        lineStyle: { width: width, color: colour, opacity: width > 1 ? 1 : 0.6 }, itemStyle: { color: colour } };
    }
    var first = -1;
    for (var i = 0; i < b.t.length && first < 0; i++) {
      if (b.p5[i] !== null && b.p95[i] !== null) {
        first = i;
      }
    }
    option.series = [edge('p95', b.p95, 1), edge('p50', b.p50, 2), edge('p5', b.p5, 1), {
      // one data item, a point of the band itself (so it cannot stretch the axes), draws the whole band
      name: 'p5–p95', type: 'custom', silent: true, clip: true, itemStyle: { color: colour },
      data: first < 0 ? [] : [[b.t[first], b.p5[first]]],
      renderItem: function (params, api) {
        var polygons = [];
        var upper = [];
        var lower = [];
        function close() {
          if (upper.length > 1) {
            polygons.push({ type: 'polygon', silent: true, style: { fill: colour, opacity: 0.18 },
              shape: { points: upper.concat(lower.reverse()) } });
          }
          upper = [];
          lower = [];
        }
        for (var i = 0; i < b.t.length; i++) {
          if (b.p5[i] === null || b.p95[i] === null) {
            close();
          } else {
            upper.push(api.coord([b.t[i], b.p95[i]]));
            lower.push(api.coord([b.t[i], b.p5[i]]));
          }
        }
        close();
        return { type: 'group', children: polygons };
      }
    }];
    option.tooltip = { trigger: 'axis', formatter: function (params) {
      var line = params.filter(function (p) { return p.seriesType === 'line'; })[0] || params[0];
      var i = line.dataIndex;
      function v(x) { return x === null ? '—' : String(x); }
      return b.t[i] + ' s: p95 ' + v(b.p95[i]) + ', p50 ' + v(b.p50[i]) + ', p5 ' + v(b.p5[i]) + ' (' + b.n[i] + ' values)';
    } };
    markers(option.series);
    return option;
  }

  function metricChart(id) {
    var spec = data.metrics[id];
    if (data.bands) {
      return bandChart(id, spec);
    }
    var option = base(id + ' (' + spec.unit + ')');
    option.xAxis = { type: 'value', name: 's', min: 0, max: 'dataMax' };
    option.yAxis = { type: 'value', scale: true };
    option.series = [];
    Object.keys(data.peers).forEach(function (peer) {
      var p = data.peers[peer];
      if (p[id]) {
        option.series.push(line(peer, zip(p.t, p[id])));
      }
    });
    markers(option.series);
    return option;
  }

  function loadChart(key) {
    var load = data.load;
    var option;
    if (key === 'peers') {
      option = base('peers over time (of ' + load.requested + ' requested)');
      option.xAxis = { type: 'value', name: 's', min: 0, max: 'dataMax' };
      option.yAxis = { type: 'value', minInterval: 1 };
      option.series = [line('joined', zip(load.t, load.joined)), line('connected', zip(load.t, load.connected)),
        line('failed', zip(load.t, load.failed))];
    } else if (key === 'join') {
      option = base('join time (ms), peers per bucket');
      option.tooltip = { trigger: 'axis' };
      option.xAxis = { type: 'category', data: load.join.labels, name: 'ms' };
      option.yAxis = { type: 'value', minInterval: 1 };
      option.series = [{ name: 'peers', type: 'bar', data: load.join.counts }];
    } else if (key === 'generator') {
      option = base('load generator (%)');
      option.xAxis = { type: 'value', name: 's', min: 0, max: 'dataMax' };
      option.yAxis = { type: 'value', min: 0 };
      option.series = [line('generator CPU (% of all cores)', zip(load.t, load.cpu)),
        line('processes it started: local Janus, browsers (% of all cores)', zip(load.t, load.startedCpu || [])),
        line('host CPU (% of all cores)', zip(load.t, load.hostCpu || [])), line('late frames (%)', zip(load.t, load.late))];
    } else if (key === 'subscriptions') {
      var subs = load.subscriptions;
      option = base('per subscription (receiver ← sender)');
      option.xAxis = { type: 'category', data: subs.labels, axisLabel: { interval: 0, rotate: subs.labels.length > 4 ? 30 : 0, fontSize: 10 } };
      option.yAxis = [{ type: 'value', name: 'ms', min: 0 }, { type: 'value', name: 'dB', scale: true }];
      option.grid.bottom = 90;
      option.series = [{ name: 'video.delay p50', type: 'bar', data: subs.delayP50 }, { name: 'video.delay p95', type: 'bar', data: subs.delayP95 },
        { name: 'video.psnr p50', type: 'line', yAxisIndex: 1, connectNulls: false, data: subs.psnrP50 }];
      if (subs.labels.length > 40) {
        option.dataZoom = [{ type: 'slider', xAxisIndex: 0, start: 0, end: 100 * 40 / subs.labels.length }];
      }
    } else {
      throw new Error('unknown load chart ' + key);
    }
    return option;
  }

  function compareChart(index) {
    var spec = data.compare[Number(index)];
    var option = base(spec.what + (spec.unit ? ' (' + spec.unit + ')' : '') + ': base vs new');
    option.xAxis = { type: 'category', data: spec.subjects, axisLabel: { interval: 0, rotate: spec.subjects.length > 4 ? 30 : 0 } };
    option.yAxis = { type: 'value', scale: false };
    option.series = [{ name: 'base', type: 'bar', data: spec.base }, { name: 'new', type: 'bar', data: spec.now }];
    return option;
  }

  var drawn = 0;
  document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
    var key = el.getAttribute('data-chart');
    var colon = key.indexOf(':');
    var kind = key.substring(0, colon);
    var rest = key.substring(colon + 1);
    var option = kind === 'metric' ? metricChart(rest) : kind === 'load' ? loadChart(rest) : compareChart(rest);
    echarts.init(el, null, { renderer: 'canvas' }).setOption(option);
    drawn++;
  });
  document.body.setAttribute('data-charts-rendered', String(drawn));
  document.body.setAttribute('data-charts-ms', String(Math.round(performance.now())));
})();
