import { useEffect, useState } from 'react';
import { demoAccounts, login, session, type Identity } from './api';
import { DEPARTMENT, setLang, t, useLang } from './i18n';
import { Overview } from './pages/Overview';
import { Work } from './pages/Work';
import { ChildPage } from './pages/Child';
import { Ledgers } from './pages/Ledgers';

/** Routes are the URL hash: #/overview, #/work, #/ledgers, #/child/<linkage key>. */
function useRoute(): string {
  const [hash, setHash] = useState(location.hash || '#/overview');
  useEffect(() => {
    const on = () => setHash(location.hash || '#/overview');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function Login(props: { onLogin: (id: Identity) => void }) {
  const [accounts, setAccounts] = useState<{ account: string; name: string; department: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    demoAccounts().then(setAccounts);
  }, []);
  return (
    <main className="login">
      <h1>{t('控辍保学 联席会议工作台')}</h1>
      <p>{t('选择演示账号')}</p>
      <div className="accounts">
        {accounts.map((a) => (
          <button key={a.account} data-account={a.account} onClick={() => login(a.account).then(props.onLogin, (e: Error) => setError(e.message))}>
            <strong>{a.name}</strong>
            <span>{DEPARTMENT[a.department]} · {a.account}</span>
          </button>
        ))}
      </div>
      {error && <p className="error">{error}</p>}
    </main>
  );
}

export function App() {
  const lang = useLang();
  const [identity, setIdentity] = useState<Identity | null>(session.identity());
  const route = useRoute();
  if (!identity || !session.token()) return <Login onLogin={setIdentity} />;
  const [, page, arg] = route.split('?')[0].split('/');
  const nav = [['overview', '概览'], ['work', '工作'], ['ledgers', '预警与台账']];
  return (
    <div className="app" data-department={identity.department}>
      <header>
        <h1>{t('控辍保学 联席会议工作台')}</h1>
        <nav>
          {nav.map(([id, label]) => <a key={id} href={`#/${id}`} className={page === id ? 'active' : ''}>{t(label)}</a>)}
        </nav>
        <div className="who" data-testid="who">
          {identity.name} · {DEPARTMENT[identity.department]}
          <button onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{lang === 'zh' ? 'EN' : '中文'}</button>
          <button data-testid="logout" onClick={() => { session.clear(); setIdentity(null); location.hash = '#/overview'; }}>{t('退出')}</button>
        </div>
      </header>
      <main key={`${identity.user}-${lang}`}>
        {page === 'work' && <Work identity={identity} />}
        {page === 'ledgers' && <Ledgers identity={identity} />}
        {page === 'child' && arg && <ChildPage id={decodeURIComponent(arg)} identity={identity} />}
        {(page === 'overview' || !['work', 'ledgers', 'child'].includes(page)) && <Overview identity={identity} />}
      </main>
    </div>
  );
}
