import { SCOPES } from '@/lib/authz/scopes';
import { endpoints, route } from '@/lib/http/route';
import { listScopesOp } from '@/lib/tokens/operations';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(listScopesOp, async () => ({
    items: SCOPES.map(({ scope, level, appliesTo, category, description }) => ({ scope, level, appliesTo, category, description })),
  })),
);
