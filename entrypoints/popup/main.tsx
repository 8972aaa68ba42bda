import { render } from 'preact';
import { Popup } from '../../components/Popup';
import '../../components/card.css';
import '../../components/pages.css';

render(<Popup />, document.getElementById('app')!);
