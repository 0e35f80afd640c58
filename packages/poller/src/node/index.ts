export const nodeArea = 'node';
