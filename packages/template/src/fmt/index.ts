export const fmtArea = 'fmt';
