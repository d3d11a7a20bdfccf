import { Badge } from '@/components/ui/badge';
import type { RepositoryVisibility } from '@/lib/authz/scopes';
import { formatLabel, VISIBILITY_OPTIONS, visibilityLabel } from './labels';

export function FormatBadge({ format }: { format: string }) {
  return (
    <Badge variant="neutral" className="font-mono" title={`Format: ${formatLabel(format)}`}>
      {formatLabel(format)}
    </Badge>
  );
}

export function VisibilityBadge({ visibility }: { visibility: string }) {
  const option = Object.hasOwn(VISIBILITY_OPTIONS, visibility) ? VISIBILITY_OPTIONS[visibility as RepositoryVisibility] : null;
  return (
    <Badge variant={option?.badge ?? 'neutral'} title={option?.description}>
      {visibilityLabel(visibility)}
    </Badge>
  );
}
