export const htmlArea = 'html';
