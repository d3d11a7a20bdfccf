// Upload limits, shared by the server and the console (client-safe: no imports).
export const MAX_UPLOAD_BYTES = 10 * 1024 ** 3; // 10 GiB
