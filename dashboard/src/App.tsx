import { useEffect, useState } from 'react';
import type { Identity } from './api';
import { identity as signedInIdentity, onSignedOut, signIn, signInConfig, signOut, startSignIn } from './auth';
import { dept, setLang, t, useLang } from './i18n';
import { Overview } from './pages/Overview';
import { Work } from './pages/Work';
import { Workspace } from './pages/Workspace';
import { ChildPage } from './pages/Child';
import { Ledgers } from './pages/Ledgers';
import { Accounts } from './pages/Accounts';

/** Routes are the URL hash: #/workspace, #/overview, #/work, #/ledgers, #/child/<linkage key>, #/accounts; none: the person's first page. */
function useRoute(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

/** Not signed in: one button to the provider's sign-in page (a newcomer finds the demo accounts there). */
function SignIn(props: { reason?: string; error?: string }) {
  const [error, setError] = useState<string | undefined>(props.error);
  return (
    <main className="login" data-testid="signed-out">
      <h1>{t('控辍保学 联席会议工作台')}</h1>
      {props.reason && <p className="notice" data-testid="signed-out-reason">{t(props.reason)}</p>}
      <p>{t('使用统一身份认证账号登录')}</p>
      <button className="primary" data-testid="sign-in" onClick={() => signIn().catch((e: Error) => setError(e.message))}>{t('登录')}</button>
      {error && <p className="error">{error}</p>}
    </main>
  );
}

export function App() {
  const lang = useLang();
  const [state, setState] = useState<{ loading: boolean; identity: Identity | null; reason?: string; error?: string }>({ loading: true, identity: null });
  const route = useRoute();
  useEffect(() => {
    startSignIn().then((identity) => setState({ loading: false, identity }), (e: Error) => setState({ loading: false, identity: null, error: e.message }));
    return onSignedOut((reason) => setState({ loading: false, identity: null, reason }));
  }, []);
  if (state.loading) return <main className="login"><p className="muted">{t('加载中…')}</p></main>;
  const identity = state.identity ?? signedInIdentity();
  if (!identity) return <SignIn reason={state.reason} error={state.error} />;
  // the first page: the joint meeting's overview; every department's own workspace
  const home = identity.department === 'joint_meeting' ? 'overview' : 'workspace';
  const [, page = home, arg] = (route || `#/${home}`).split('?')[0].split('/');
  const administers = identity.role === 'admin' && !!signInConfig()?.accountAdminUrl;
  const boards = (identity.department === 'joint_meeting' || identity.department === 'education') && identity.scope.kind === 'district';
  const nav = [
    ['workspace', '工作台'], ['overview', '概览'], ...(boards ? [['work', '任务看板']] : []), ['ledgers', '预警与台账'], ...(administers ? [['accounts', '账号管理']] : []),
  ];
  const pages = ['workspace', 'work', 'ledgers', 'child', 'accounts'];
  return (
    <div className="app" data-department={identity.department}>
      <a className="skip" href="#content">{t('跳到正文')}</a>
      <header>
        <h1>{t('控辍保学 联席会议工作台')}</h1>
        <nav aria-label={t('主导航')}>
          {nav.map(([id, label]) => <a key={id} href={`#/${id}`} className={page === id ? 'active' : ''} aria-current={page === id ? 'page' : undefined}>{t(label)}</a>)}
        </nav>
        <div className="who" data-testid="who" data-user={identity.user}>
          <span className="who-name">{identity.name} · {dept(identity.department)}</span>
          <button onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh'}>{lang === 'zh' ? 'EN' : '中文'}</button>
          <button data-testid="logout" onClick={() => void signOut()}>{t('退出')}</button>
        </div>
      </header>
      <main id="content" key={`${identity.user}-${lang}`}>
        {page === 'workspace' && <Workspace identity={identity} />}
        {page === 'work' && boards && <Work identity={identity} />}
        {page === 'ledgers' && <Ledgers identity={identity} />}
        {page === 'child' && arg && <ChildPage id={decodeURIComponent(arg)} identity={identity} />}
        {page === 'accounts' && administers && <Accounts identity={identity} />}
        {(page === 'overview' || !pages.includes(page) || (page === 'accounts' && !administers) || (page === 'work' && !boards)) && <Overview identity={identity} />}
      </main>
    </div>
  );
}
