import { Area, AreaChart, Bar, BarChart, CartesianGrid, ErrorBar, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { palette } from './palette';

/** Severity with its 95% interval per interviewer: a forest plot (points ± error bars). */
export function ForestPlot({ rows }: { rows: { id: string; estimate: number; low: number; high: number }[] }) {
  const data = rows.map((r, i) => ({ ...r, y: i, error: [r.estimate - r.low, r.high - r.estimate] }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, 28 * rows.length + 60)}>
      <ScatterChart margin={{ left: 20, right: 20, top: 10, bottom: 30 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="estimate" name="Severity" unit=" pts" domain={['auto', 'auto']} label={{ value: 'rating points vs peers on the same candidates (− harsh, + lenient)', position: 'bottom' }} />
        <YAxis type="number" dataKey="y" tickFormatter={(y: number) => data[y]?.id ?? ''} ticks={data.map((d) => d.y)} width={90} />
        <ReferenceLine x={0} stroke={palette.grey} />
        <Tooltip formatter={(v) => (typeof v === "number" ? v.toFixed(2) : String(v))} />
        <Scatter data={data} fill={palette.blue} name="Severity (95% interval)" isAnimationActive={false}>
          <ErrorBar dataKey="error" width={4} strokeWidth={2} stroke={palette.blue} direction="x" />
        </Scatter>
      </ScatterChart>
    </ResponsiveContainer>
  );
}

/** Share of ratings per scale value, the interviewer against the org. */
export function DistributionChart({ counts, orgCounts, label = 'This interviewer' }: { counts: Record<string, number>; orgCounts?: Record<string, number>; label?: string }) {
  const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0) || 1;
  const values = [...new Set([...Object.keys(counts), ...Object.keys(orgCounts ?? {})])].sort();
  const data = values.map((v) => ({ rating: v, own: (counts[v] ?? 0) / total(counts), org: orgCounts ? (orgCounts[v] ?? 0) / total(orgCounts) : undefined }));
  return (
    <ResponsiveContainer width="100%" height={180}>
      <BarChart data={data} margin={{ left: 0, right: 10, top: 10, bottom: 20 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="rating" label={{ value: 'rating', position: 'insideBottom', offset: -10 }} />
        <YAxis tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
        <Tooltip formatter={(v) => (typeof v === "number" ? `${(v * 100).toFixed(1)}%` : String(v))} />
        <Legend verticalAlign="top" />
        <Bar dataKey="own" name={label} fill={palette.blue} isAnimationActive={false} />
        {orgCounts && <Bar dataKey="org" name="Org" fill={palette.orange} isAnimationActive={false} />}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Two-sided CUSUM over time with the alarm threshold and the onset marked. */
export function CusumChart({ series, onset }: { series: { at: string; upper: number; lower: number }[]; onset: string | null }) {
  const data = series.map((s) => ({ at: s.at.slice(0, 10), upper: s.upper, lower: -s.lower }));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={data} margin={{ left: 0, right: 20, top: 10, bottom: 20 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="at" minTickGap={40} />
        <YAxis label={{ value: 'CUSUM (σ)', angle: -90, position: 'insideLeft' }} />
        <Tooltip />
        <Legend verticalAlign="top" />
        <ReferenceLine y={5} stroke={palette.vermillion} strokeDasharray="4 4" label="alarm" />
        <ReferenceLine y={-5} stroke={palette.vermillion} strokeDasharray="4 4" />
        {onset && <ReferenceLine x={onset.slice(0, 10)} stroke={palette.purple} label="shift began" />}
        <Line type="stepAfter" dataKey="upper" name="upward shift" stroke={palette.blue} dot={false} isAnimationActive={false} />
        <Line type="stepAfter" dataKey="lower" name="downward shift" stroke={palette.green} dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** PSI per period against its warn/alert thresholds and the sample-size-aware null cut-off. */
export function PsiChart({ drift }: { drift: { period: string; psi: number | null; nullCutoff: number | null }[] }) {
  const data = drift.filter((d) => d.psi !== null);
  return (
    <ResponsiveContainer width="100%" height={200}>
      <LineChart data={data} margin={{ left: 0, right: 20, top: 10, bottom: 20 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="period" />
        <YAxis />
        <Tooltip />
        <Legend verticalAlign="top" />
        <ReferenceLine y={0.1} stroke={palette.orange} strokeDasharray="4 4" label="warn 0.1" />
        <ReferenceLine y={0.25} stroke={palette.vermillion} strokeDasharray="4 4" label="alert 0.25" />
        <Line dataKey="psi" name="PSI" stroke={palette.blue} isAnimationActive={false} />
        <Line dataKey="nullCutoff" name="null 95% cut-off" stroke={palette.grey} strokeDasharray="2 2" dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

const STACK = [palette.vermillion, palette.orange, palette.sky, palette.blue, palette.green, palette.purple, palette.grey];

/** Each period's ratings as shares of the scale, stacked, with rubric versions marked. */
export function DistributionOverTime({ drift, markers }: { drift: { period: string; counts: Record<string, number> }[]; markers: { period: string; label: string }[] }) {
  const values = [...new Set(drift.flatMap((d) => Object.keys(d.counts)))].sort((a, b) => Number(a) - Number(b));
  const data = drift.map((d) => {
    const total = Object.values(d.counts).reduce((a, b) => a + b, 0) || 1;
    return { period: d.period, ...Object.fromEntries(values.map((v) => [v, (d.counts[v] ?? 0) / total])) };
  });
  return (
    <ResponsiveContainer width="100%" height={200}>
      <AreaChart data={data} margin={{ left: 0, right: 20, top: 10, bottom: 20 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="period" />
        <YAxis tickFormatter={(v: number) => `${Math.round(v * 100)}%`} domain={[0, 1]} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : String(v))} />
        <Legend verticalAlign="top" />
        {markers.map((m) => (
          <ReferenceLine key={m.label} x={m.period} stroke={palette.purple} label={m.label} />
        ))}
        {values.map((v, i) => (
          <Area key={v} dataKey={v} name={`rating ${v}`} stackId="1" stroke={STACK[i % STACK.length]} fill={STACK[i % STACK.length]} isAnimationActive={false} />
        ))}
      </AreaChart>
    </ResponsiveContainer>
  );
}

/** Validity per period: point-biserial correlation of the rating with the hire decision. */
export function ValidityOverTime({ drift }: { drift: { period: string; validity: { pointBiserial: number | null } }[] }) {
  const data = drift.map((d) => ({ period: d.period, pointBiserial: d.validity.pointBiserial }));
  return (
    <ResponsiveContainer width="100%" height={200}>
      <LineChart data={data} margin={{ left: 0, right: 20, top: 10, bottom: 20 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="period" />
        <YAxis domain={[-0.2, 1]} />
        <Tooltip />
        <Legend verticalAlign="top" />
        <ReferenceLine y={0} stroke={palette.grey} />
        <Line dataKey="pointBiserial" name="point-biserial vs hire" stroke={palette.green} isAnimationActive={false} connectNulls />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Inter-rater reliability per period and signal: higher means panelists agree more on a candidate. */
export function ReliabilityOverTime({ signals }: { signals: { signal: string; drift: { period: string; reliability: { icc1: number | null } }[] }[] }) {
  const periods = [...new Set(signals.flatMap((s) => s.drift.map((d) => d.period)))].sort();
  const data = periods.map((period) => ({ period, ...Object.fromEntries(signals.map((s) => [s.signal, s.drift.find((d) => d.period === period)?.reliability.icc1 ?? null])) }));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={data} margin={{ left: 0, right: 20, top: 10, bottom: 20 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="period" />
        <YAxis domain={[0, 1]} label={{ value: 'ICC(1)', angle: -90, position: 'insideLeft' }} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(2) : String(v))} />
        <Legend verticalAlign="top" />
        {signals.map((s, i) => (
          <Line key={s.signal} dataKey={s.signal} name={s.signal.replace(/_/g, ' ')} stroke={STACK[(i + 1) % STACK.length]} dot={false} isAnimationActive={false} connectNulls />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
