/** The console's design system: a few components over the variables of theme.css. */
export { Badge, type BadgeTone } from "./badge.js";
export { Button } from "./button.js";
export { Card } from "./card.js";
export { ConfirmControl, type ConfirmControlProps } from "./confirm-control.js";
export { EmptyState } from "./empty-state.js";
export { ErrorBanner } from "./error-banner.js";
export { Field, SelectField } from "./field.js";
export { PageHeader, PageLayout } from "./page-layout.js";
export { Spinner } from "./spinner.js";
export { type Column, nextSort, Pager, type SortState, Table } from "./table.js";
export { type PageInfo, TokenPager } from "./token-pager.js";
export { type PageTokens, usePageTokens } from "./use-page-tokens.js";
