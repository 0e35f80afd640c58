export const httpArea = 'http';
