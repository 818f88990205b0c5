export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  role: string;
  disabled: number;
  created_at: string;
  updated_at: string;
  /** The code app's seed, sealed with the server's secret box; set when enrolment starts. */
  second_factor_secret: string | null;
  /** Set once the person confirmed the code app with a first code. */
  second_factor_enrolled_at: string | null;
  /** The last 30-second time step whose code was accepted: that code and older ones are refused. */
  second_factor_last_step: number | null;
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
  /** When a code from the code app was checked in this session; null until then. */
  second_factor_at: string | null;
}

export interface AccountsTables {
  users: UsersTable;
  user_organizations: UserOrganizationsTable;
  auth_sessions: AuthSessionsTable;
}
