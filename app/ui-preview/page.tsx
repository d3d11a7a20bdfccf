"use client";

// THROWAWAY PAGE — visual check of components/ui primitives. Delete before release
// (nothing links here; it exists only so the lead can eyeball the design system).

import Link from "next/link";
import { useState } from "react";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { DropdownMenu } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import {
  AlertIcon,
  BuildingIcon,
  CheckIcon,
  ChevronDownIcon,
  CopyIcon,
  KeyIcon,
  ListIcon,
  LogOutIcon,
  MoreHorizontalIcon,
  PackageIcon,
  PlusIcon,
  SettingsIcon,
  ShieldIcon,
  TrashIcon,
  UsersIcon,
  XIcon,
} from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { SecretField } from "@/components/ui/secret-field";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { LinkTabs, Tabs } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";
import { ToastProvider, useToast } from "@/components/ui/toast";

const allIcons = {
  PackageIcon,
  KeyIcon,
  UsersIcon,
  ShieldIcon,
  SettingsIcon,
  ListIcon,
  ChevronDownIcon,
  CheckIcon,
  CopyIcon,
  PlusIcon,
  TrashIcon,
  XIcon,
  AlertIcon,
  LogOutIcon,
  BuildingIcon,
  MoreHorizontalIcon,
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-3">
      <h2 className="text-xs font-semibold tracking-wide text-fg-muted uppercase">{title}</h2>
      {children}
    </section>
  );
}

function Preview() {
  const { toast } = useToast();
  const [dialogOpen, setDialogOpen] = useState(false);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [name, setName] = useState("");
  const [saving, setSaving] = useState(false);

  return (
    <main className="mx-auto max-w-5xl space-y-10 px-6 py-10">
      <PageHeader
        title="UI preview"
        description="Every primitive in components/ui, for a visual check. This page is temporary."
        actions={
          <>
            <Link href="/" className={buttonClasses("secondary")}>
              Back
            </Link>
            <Button onClick={() => toast({ title: "Package published", description: "acme-cli 1.4.2 is live.", variant: "success" })}>
              <PlusIcon /> New package
            </Button>
          </>
        }
      />

      <Section title="Buttons">
        <div className="flex flex-wrap items-center gap-2">
          <Button>Primary</Button>
          <Button variant="secondary">Secondary</Button>
          <Button variant="ghost">Ghost</Button>
          <Button variant="danger">
            <TrashIcon /> Delete
          </Button>
          <Button loading>Saving</Button>
          <Button disabled variant="secondary">
            Disabled
          </Button>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button size="sm">Primary sm</Button>
          <Button size="sm" variant="secondary">
            Secondary sm
          </Button>
          <Button size="sm" variant="ghost">
            Ghost sm
          </Button>
          <Button size="sm" variant="danger">
            Danger sm
          </Button>
          <Button size="sm" loading variant="secondary">
            Loading
          </Button>
          <Link href="/ui-preview" className={buttonClasses("ghost", "sm")}>
            Link as button
          </Link>
        </div>
      </Section>

      <Section title="Badges, avatars, spinner, skeleton">
        <div className="flex flex-wrap items-center gap-2">
          <Badge>neutral</Badge>
          <Badge variant="brand">brand</Badge>
          <Badge variant="success">
            <CheckIcon /> active
          </Badge>
          <Badge variant="warning">expires soon</Badge>
          <Badge variant="danger">revoked</Badge>
          <span className="mx-2" />
          <Avatar name="Ada Lovelace" size="sm" />
          <Avatar name="grace.hopper@example.com" />
          <Avatar name="Tollgate" size="lg" />
          <span className="mx-2" />
          <Spinner label="Loading" />
          <Spinner size="lg" className="text-brand-600" />
        </div>
        <div className="max-w-sm space-y-2">
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-2/3" />
        </div>
      </Section>

      <Section title="Icons">
        <div className="flex flex-wrap gap-4 text-fg-muted">
          {Object.entries(allIcons).map(([iconName, Icon]) => (
            <span key={iconName} className="flex flex-col items-center gap-1 text-[10px]">
              <Icon className="size-5 text-fg" />
              {iconName.replace("Icon", "")}
            </span>
          ))}
        </div>
      </Section>

      <Section title="Form">
        <Card className="max-w-xl">
          <CardHeader>
            <div>
              <CardTitle>Create token</CardTitle>
              <CardDescription>Tokens grant read access to a repository.</CardDescription>
            </div>
          </CardHeader>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              setSaving(true);
              setTimeout(() => setSaving(false), 1200);
            }}
          >
            <CardContent className="space-y-4">
              <FormError title="Could not create the token">The repository is archived.</FormError>
              <Field htmlFor="token-name" label="Name" hint="Shown in audit logs." required>
                <Input placeholder="ci-deploy" required />
              </Field>
              <Field
                htmlFor="token-name-2"
                label="Name (invalid)"
                hint="Lowercase letters, digits and dashes."
                error={name.length > 0 && !/^[a-z0-9-]+$/.test(name) ? "Only lowercase letters, digits and dashes." : "Required."}
              >
                <Input value={name} onChange={(e) => setName(e.target.value)} />
              </Field>
              <Field htmlFor="token-scope" label="Scope">
                <Select defaultValue="read" wrapperClassName="max-w-48">
                  <option value="read">Read</option>
                  <option value="write">Read &amp; write</option>
                  <option value="admin">Admin</option>
                </Select>
              </Field>
              <Field htmlFor="token-notes" label="Notes">
                <Textarea placeholder="Optional" />
              </Field>
              <Field htmlFor="token-disabled" label="Disabled input">
                <Input disabled defaultValue="cannot edit" />
              </Field>
              <Checkbox name="expires" label="Expires in 90 days" description="Recommended for CI tokens." defaultChecked />
              <Checkbox name="plain" aria-label="Plain checkbox" />
              <div>
                <Label htmlFor="secret">New token</Label>
                <SecretField id="secret" className="mt-1.5" secretName="token" value="tg_live_9f3c2a71b0e84d6c9a5e1f0b7d2c4e8a" />
              </div>
            </CardContent>
            <CardFooter>
              <Button type="button" variant="secondary">
                Cancel
              </Button>
              <Button type="submit" loading={saving}>
                Create token
              </Button>
            </CardFooter>
          </form>
        </Card>
      </Section>

      <Section title="Table in a card, dropdown menu, copy button">
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Tokens</CardTitle>
              <CardDescription>3 active tokens</CardDescription>
            </div>
            <DropdownMenu
              label="Actions"
              items={[
                { label: "Settings", href: "/ui-preview", icon: <SettingsIcon /> },
                { label: "Members", href: "/ui-preview", icon: <UsersIcon /> },
                { label: "Disabled item", onSelect: () => {}, disabled: true },
                { separator: true },
                { label: "Delete organization", icon: <TrashIcon />, danger: true, onSelect: () => setDeleteOpen(true) },
              ]}
            />
          </CardHeader>
          <CardContent flush>
            <Table framed={false}>
              <THead>
                <TR>
                  <TH>Name</TH>
                  <TH>Scope</TH>
                  <TH>Status</TH>
                  <TH>Prefix</TH>
                  <TH className="text-right">
                    <span className="sr-only">Actions</span>
                  </TH>
                </TR>
              </THead>
              <TBody>
                {[
                  ["ci-deploy", "read", "active", "tg_live_9f3c"],
                  ["release-bot", "write", "expires soon", "tg_live_1a2b"],
                  ["old-laptop", "read", "revoked", "tg_live_77de"],
                ].map(([tokenName, scope, status, prefix]) => (
                  <TR key={tokenName}>
                    <TD className="font-medium">{tokenName}</TD>
                    <TD>{scope}</TD>
                    <TD>
                      <Badge variant={status === "active" ? "success" : status === "revoked" ? "danger" : "warning"}>
                        {status}
                      </Badge>
                    </TD>
                    <TD>
                      <span className="inline-flex items-center gap-1">
                        <code className="text-xs">{prefix}…</code>
                        <CopyButton text={prefix ?? ""} iconOnly size="sm" variant="ghost" label={`Copy ${tokenName} prefix`} />
                      </span>
                    </TD>
                    <TD className="text-right">
                      <DropdownMenu
                        label={<MoreHorizontalIcon />}
                        ariaLabel={`Actions for ${tokenName}`}
                        variant="ghost"
                        size="sm"
                        chevron={false}
                        items={[
                          { label: "Rotate", icon: <KeyIcon />, onSelect: () => toast({ title: "Token rotated" }) },
                          { label: "Revoke", icon: <TrashIcon />, danger: true, onSelect: () => setConfirmOpen(true) },
                        ]}
                      />
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </CardContent>
        </Card>
        <Table>
          <THead>
            <TR>
              <TH>Framed table</TH>
              <TH>Downloads</TH>
            </TR>
          </THead>
          <TBody>
            <TR>
              <TD>acme-cli</TD>
              <TD>1,204</TD>
            </TR>
          </TBody>
        </Table>
      </Section>

      <Section title="Dialogs and toasts">
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setDialogOpen(true)}>
            Open dialog
          </Button>
          <Button variant="secondary" onClick={() => setConfirmOpen(true)}>
            Confirm (simple)
          </Button>
          <Button variant="danger" onClick={() => setDeleteOpen(true)}>
            Delete (type to confirm)
          </Button>
          <Button variant="ghost" onClick={() => toast({ title: "Saved" })}>
            Toast neutral
          </Button>
          <Button
            variant="ghost"
            onClick={() => toast({ title: "Upload failed", description: "The file exceeds 2 GB.", variant: "danger" })}
          >
            Toast danger
          </Button>
          <Button variant="ghost" onClick={() => toast({ title: "Token expires in 3 days", variant: "warning" })}>
            Toast warning
          </Button>
        </div>
        <Dialog
          open={dialogOpen}
          onOpenChange={setDialogOpen}
          title="Invite member"
          description="They will receive an email with a sign-in link."
          footer={
            <>
              <Button type="button" variant="secondary" onClick={() => setDialogOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" form="invite-form">
                Send invite
              </Button>
            </>
          }
        >
          <form
            id="invite-form"
            className="space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              setDialogOpen(false);
              toast({ title: "Invitation sent", variant: "success" });
            }}
          >
            <Field htmlFor="invite-email" label="Email">
              <Input type="email" placeholder="name@example.com" data-autofocus="" />
            </Field>
            <Field htmlFor="invite-role" label="Role">
              <Select defaultValue="member">
                <option value="member">Member</option>
                <option value="admin">Admin</option>
              </Select>
            </Field>
          </form>
        </Dialog>
        <ConfirmDialog
          open={confirmOpen}
          onOpenChange={setConfirmOpen}
          title="Revoke token?"
          body="Clients using this token will immediately lose access."
          confirmLabel="Revoke"
          variant="danger"
          onConfirm={async () => {
            await new Promise((resolve) => setTimeout(resolve, 1000));
            toast({ title: "Token revoked", variant: "success" });
          }}
        />
        <ConfirmDialog
          open={deleteOpen}
          onOpenChange={setDeleteOpen}
          title="Delete organization"
          body={
            <>
              This permanently deletes <strong className="text-fg">acme</strong>, its packages and tokens.
            </>
          }
          confirmLabel="Delete organization"
          variant="danger"
          confirmText="acme"
          onConfirm={async () => {
            await new Promise((resolve) => setTimeout(resolve, 800));
            throw new Error("You must transfer ownership of 2 packages first.");
          }}
        />
      </Section>

      <Section title="Tabs">
        <Tabs
          aria-label="Package views"
          items={[
            { id: "versions", label: "Versions", content: <p className="text-fg-muted">12 versions</p> },
            { id: "files", label: "Files", content: <p className="text-fg-muted">48 files</p> },
            { id: "disabled", label: "Disabled", content: null, disabled: true },
            { id: "access", label: "Access", content: <p className="text-fg-muted">3 tokens</p> },
          ]}
        />
        <LinkTabs
          aria-label="Settings sections"
          items={[
            { href: "/ui-preview", label: "Preview", exact: true },
            { href: "/settings", label: "General" },
            { href: "/settings/tokens", label: "Tokens" },
          ]}
        />
      </Section>

      <Section title="Empty state">
        <EmptyState
          icon={<PackageIcon />}
          title="No packages yet"
          description="Publish your first package with the CLI or upload an artifact."
          action={
            <Button size="sm">
              <PlusIcon /> Upload package
            </Button>
          }
        />
      </Section>

      <Section title="Misc">
        <div className="flex items-center gap-3 text-fg-muted">
          <BuildingIcon /> acme <ShieldIcon /> admin <LogOutIcon /> sign out
        </div>
      </Section>
    </main>
  );
}

export default function UiPreviewPage() {
  return (
    <ToastProvider>
      <Preview />
    </ToastProvider>
  );
}
