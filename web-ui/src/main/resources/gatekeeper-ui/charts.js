// Charts with uPlot (webjar), sized to their container and redrawn on resize. Each chart has a text summary
// beside it for screen readers and for the numbers themselves.
import {h} from './dom.js';

let uPlotModule = null;

async function uPlot() {
    uPlotModule ||= import('/webjars/uplot/1.6.30/dist/uPlot.esm.js').then(m => m.default);
    return uPlotModule;
}

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c'];

/**
 * A time chart: x in epoch seconds, series [{label, values, bars?, color?}]. Returns a figure element now and draws
 * into it once the library has loaded.
 */
export function timeChart({title, x, series, yLabel, height = 220, summary, pad = 0}) {
    const holder = h('div', {class: 'chart-canvas'});
    const figure = h('figure', {class: 'chart'}, h('figcaption', {}, title), holder,
        summary ? h('p', {class: 'chart-summary muted'}, summary) : null);
    draw(holder, {x, series, yLabel, height, pad}).catch(e => {
        holder.textContent = `chart unavailable: ${e.message}`;
    });
    return figure;
}

async function draw(holder, {x, series, yLabel, height, pad}) {
    const U = await uPlot();
    const bars = U.paths.bars ? U.paths.bars({size: [0.8, 40]}) : null;
    const opts = {
        width: 600,
        height,
        legend: {show: true},
        // pad: seconds added on both sides, so that the first and last bars are not cut in half
        scales: {x: {time: true, range: (u, min, max) => [min - pad, max + pad]}},
        axes: [{}, {label: yLabel, size: 50}],
        series: [{}, ...series.map((s, i) => ({
            label: s.label,
            stroke: s.color || COLORS[i % COLORS.length],
            fill: s.bars ? `${s.color || COLORS[i % COLORS.length]}55` : undefined,
            width: s.bars ? 1 : 2,
            points: {show: !s.bars && x.length < 60},
            paths: s.bars ? bars : undefined,
        }))],
    };
    const plot = new U(opts, [x, ...series.map(s => s.values)], holder);
    const fit = () => plot.setSize({width: Math.max(240, holder.clientWidth), height});
    requestAnimationFrame(fit);
    new ResizeObserver(fit).observe(holder);
}

/** Buckets events (epoch ms) into `count` buckets of `bucketMs` ending now: returns {x (seconds), counts}. */
export function buckets(times, bucketMs, count, now = Date.now()) {
    const end = Math.ceil(now / bucketMs) * bucketMs;
    const start = end - bucketMs * count;
    const counts = new Array(count).fill(0);
    for (const t of times) {
        if (t >= start && t < end) counts[Math.floor((t - start) / bucketMs)]++;
    }
    const x = counts.map((_, i) => (start + (i + 0.5) * bucketMs) / 1000);
    return {x, counts};
}
