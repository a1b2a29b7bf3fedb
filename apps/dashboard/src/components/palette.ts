/** Okabe–Ito: distinguishable with every common colour-vision deficiency. */
export const palette = { blue: '#0072B2', orange: '#E69F00', green: '#009E73', vermillion: '#D55E00', purple: '#CC79A7', sky: '#56B4E9', grey: '#6b7280' };
export const severityColour = { warn: palette.orange, alert: palette.vermillion } as const;
