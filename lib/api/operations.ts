// Every management API operation, imported for their registration so the
// OpenAPI document lists them all. A new domain adds its operations module here.
export * from '@/lib/accounts/operations';
export * from '@/lib/orgs/operations';
export * from '@/lib/invitations/operations';
export * from '@/lib/repos/operations';
export * from '@/lib/tokens/operations';
export * from '@/lib/packages/operations';
export * from '@/lib/usage/operations';
export * from '@/lib/entitlements/operations';
