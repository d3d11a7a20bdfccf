'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { PlusIcon } from '@/components/ui/icons';
import { UploadDialog } from './upload-dialog';

/** "Upload files" and its dialog (for those holding artifact:create). */
export function UploadButton({ orgSlug, repo }: { orgSlug: string; repo: { name: string; format: string } }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="button" size="sm" onClick={() => setOpen(true)}>
        <PlusIcon /> Upload files
      </Button>
      <UploadDialog open={open} onOpenChange={setOpen} orgSlug={orgSlug} repo={repo} />
    </>
  );
}
