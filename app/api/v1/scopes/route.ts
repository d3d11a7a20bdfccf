import { SCOPES } from '@/lib/authz/scopes';
import { route } from '@/lib/http/route';
import { listScopesOp } from '@/lib/tokens/operations';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const GET = route(listScopesOp, async () => ({
  items: SCOPES.map(({ scope, level, appliesTo, category, description }) => ({ scope, level, appliesTo, category, description })),
}));

export const { POST, PUT, PATCH, DELETE } = notAllowed('GET');
