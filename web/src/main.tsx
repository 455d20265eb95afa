import { render } from 'preact';
import { App } from './app';
import { boot } from './session';
import './styles/index.css';

render(<App />, document.getElementById('app') as HTMLElement);
void boot();
