import { SCOPES } from '@/lib/authz/scopes';
import { route } from '@/lib/http/route';
import { listScopesOp } from '@/lib/tokens/operations';

export const GET = route(listScopesOp, async () => ({
  items: SCOPES.map(({ scope, level, appliesTo, category, description }) => ({ scope, level, appliesTo, category, description })),
}));
