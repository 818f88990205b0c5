export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  role: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface UserOrganizationsTable {
  user_id: string;
  organization_id: string;
  /** Trusted providers publish without moderation; new providers' changes wait for a moderator. */
  trusted: number;
}

export interface AuthSessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface AccountsTables {
  users: UsersTable;
  user_organizations: UserOrganizationsTable;
  auth_sessions: AuthSessionsTable;
}
