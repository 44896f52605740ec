/** The snapshot's types, generated from schemas/ by `npm run generate` (never edit generated/ by hand). */
export type {
  TenantSnapshot,
  ConditionalAccessPolicy,
  ConditionalAccessConditionSet,
  ConditionalAccessUsers,
  ConditionalAccessApplications,
  ConditionalAccessGrantControls,
  ConditionalAccessSessionControls,
  ConditionalAccessFilter,
  NamedLocation,
  AuthenticationStrengthPolicy,
  AuthenticationContextClassReference,
  DirectoryUser,
  DirectoryGroup,
  DirectoryRole,
  ServicePrincipal,
} from './generated/graph.js';
