export const netArea = 'net';
