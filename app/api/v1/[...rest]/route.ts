// Unknown API paths answer in the API's error shape, for every method.
import { json } from '@/lib/http/respond';
import { notFound } from '@/lib/http/errors';

const answer = () => json(notFound('No such API endpoint.').toBody(), 404);
export { answer as GET, answer as POST, answer as PUT, answer as PATCH, answer as DELETE, answer as HEAD, answer as OPTIONS };
