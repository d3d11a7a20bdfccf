// Answers for the methods a route does not implement, in the API's error shape
// (Next's own 405 has no body). Each route file exports these for the methods
// it lacks.
import { methodNotAllowed } from './errors';
import { errorResponse } from './respond';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

export function notAllowed(...allowed: Method[]): Record<Method, () => Response> {
  const answer = () => errorResponse(methodNotAllowed(allowed), crypto.randomUUID());
  return Object.fromEntries(METHODS.map((m) => [m, answer])) as Record<Method, () => Response>;
}
