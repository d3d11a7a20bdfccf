// Client-safe password rules (the hashing lives in password.ts, server-only).
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;
