// Single source of the server version (kept in step with package.json; read cheaply, no fs I/O).
export const VERSION = '0.1.0';
