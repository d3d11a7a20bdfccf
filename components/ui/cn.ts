export type ClassValue = string | number | bigint | boolean | null | undefined | ClassValue[];

/**
 * Joins class names, skipping falsy values and flattening arrays.
 * It does not resolve Tailwind conflicts: to override a primitive's default
 * (e.g. padding) use the important modifier (`p-0!`) or the primitive's props.
 */
export function cn(...inputs: ClassValue[]): string {
  const out: string[] = [];
  for (const input of inputs) {
    if (!input) continue;
    if (Array.isArray(input)) {
      const nested = cn(...input);
      if (nested) out.push(nested);
    } else if (input !== true) {
      out.push(String(input));
    }
  }
  return out.join(' ');
}
