// Answers for the methods a route does not implement, in the API's error shape
// (Next's own 405 has no body). Each route file exports these for the methods
// it lacks.
import { ApiError } from './errors';
import { json } from './respond';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

export function notAllowed(...allowed: Method[]): Record<Method, () => Response> {
  const answer = () =>
    json(new ApiError(405, 'method_not_allowed', `Use ${allowed.join(' or ')} on this path.`).toBody(), 405, { allow: allowed.join(', ') });
  return Object.fromEntries(METHODS.map((m) => [m, answer])) as Record<Method, () => Response>;
}
