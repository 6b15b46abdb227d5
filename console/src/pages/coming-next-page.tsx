import { EmptyState, PageHeader } from "../ui/index.js";

/** A page of the navigation that a later slice of the console fills in. */
export function ComingNextPage({ title }: { readonly title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title="Coming next">This page is part of the console's next slice.</EmptyState>
    </>
  );
}
