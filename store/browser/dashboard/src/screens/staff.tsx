// Staff accounts (managers): add a person with a role and a first password, change a role,
// deactivate or reactivate, set a new password, issue or revoke a badge (staff-badge.tsx). The
// store keeps its last active manager.
import { useState, type FormEvent } from 'react';
import { call } from '../../../shared/api.js';
import { nothing, staffListSchema, staffMemberSchema, type Role, type StaffMember } from '../answers.js';
import { act, useLoad } from '../actions.js';
import { useDashboard } from '../store.js';
import { badgesSchema, StaffBadge } from './staff-badge.js';

function Member({ member, self, badgeIssuedAt, onDone }: { member: StaffMember; self: boolean; badgeIssuedAt: number | null; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const change = (body: Record<string, unknown>, done: string) => act(() => call('PATCH', `/api/staff/${member.id}`, nothing, body), done).then((ok) => ok && onDone());
  const otherRole: Role = member.role === 'manager' ? 'associate' : 'manager';
  return (
    <li className="card stack" data-testid="staff-member">
      <div className="row spread">
        <h3>
          {member.name} {self && <span className="muted">(you)</span>}
        </h3>
        <span className="row">
          <span className="badge">{member.role}</span>
          {member.active === false && <span className="badge warn">inactive</span>}
        </span>
      </div>
      <div className="row">
        <button onClick={() => void change({ role: otherRole }, `${member.name} is now ${otherRole === 'manager' ? 'a manager' : 'an associate'}`)}>Make {otherRole}</button>
        {member.active === false ? (
          <button onClick={() => void change({ active: true }, `Reactivated ${member.name}`)}>Reactivate</button>
        ) : (
          <button className="danger" onClick={() => void change({ active: false }, `Deactivated ${member.name}`)}>
            Deactivate
          </button>
        )}
        <input type="password" aria-label={`New password for ${member.name}`} placeholder="New password (12+)" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        <button disabled={password.length < 12} onClick={() => void change({ password }, `Password changed for ${member.name}`).then(() => setPassword(''))}>
          Set password
        </button>
      </div>
      <StaffBadge staffId={member.id} name={member.name} issuedAt={badgeIssuedAt} onDone={onDone} />
    </li>
  );
}

export function StaffScreen() {
  const { data, reload } = useLoad(() => Promise.all([call('GET', '/api/staff', staffListSchema), call('GET', '/api/staff-badges', badgesSchema)]));
  const badges = new Map(data?.[1].badges.map((b) => [b.staffId, b.issuedAt]));
  const me = useDashboard((s) => s.me);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('associate');
  const [password, setPassword] = useState('');

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await act(() => call('POST', '/api/staff', staffMemberSchema, { name, role, password }), `Added ${name}`);
    if (ok) {
      setName('');
      setPassword('');
      reload();
    }
  };

  return (
    <section className="stack">
      <h2>Staff</h2>
      <form className="card row" onSubmit={(e) => void add(e)}>
        <label className="field">
          <span>Name</span>
          <input name="staff-name" autoCapitalize="none" value={name} onChange={(e) => setName(e.target.value)} placeholder="sam" />
        </label>
        <label className="field">
          <span>Role</span>
          <select name="staff-role" value={role} onChange={(e) => setRole(e.target.value === 'manager' ? 'manager' : 'associate')}>
            <option value="associate">associate</option>
            <option value="manager">manager</option>
          </select>
        </label>
        <label className="field">
          <span>First password (12+ characters)</span>
          <input name="staff-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button className="primary" type="submit" disabled={name === '' || password.length < 12}>
          Add staff member
        </button>
      </form>
      <ul className="list">
        {data?.[0].staff.map((member) => (
          <Member key={member.id} member={member} self={member.id === me?.id} badgeIssuedAt={badges.get(member.id) ?? null} onDone={reload} />
        ))}
      </ul>
    </section>
  );
}
