"""Reviewing suggestions in the main window (Annotate menu).

A *current* suggestion is the pending suggestion the reader went to (Next/Previous
suggestion, a click on its dashed outline, its row in the annotations pane) while the
text cursor stays on it. Enter accepts it and Backspace rejects it — only in the article
text (the actions' shortcuts live on the article view, so dialogs, line edits and the
pane's editors keep their Enter and Backspace) — and the next one becomes current.
Accept, reject and accept-all are core operations: one undo step each.

Suggesting runs in background jobs (:class:`~clipper.gui.workers.Job`), one at a time,
for the article opened (when the database's setting says so, or on Ctrl+Shift+G) and for
imported articles; results are stored for the article they were computed for and shown
only if that article is still the one on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction

from clipper.errors import Cancelled, ClipperError
from clipper.gui.controller import Changes
from clipper.gui.errors import report_failed_change
from clipper.gui.workers import Job, JobContext
from clipper.model import Annotation
from clipper.operations import Changes as CoreChanges
from clipper.operations import Session
from clipper.operations.review import (
    PENDING,
    SuggestRun,
    auto_suggest,
    pending_number,
    pending_scores,
    pending_step,
    review_keys,
    review_value,
    set_auto_suggest,
    suggest_article,
    tag_counts,
)
from clipper.quoting import quote

if TYPE_CHECKING:
    from clipper.gui.main_window import MainWindow

#: Actions that need a current suggestion.
_NEED_CURRENT = ("accept_suggestion", "reject_suggestion", "accept_all_suggestions_of_tag")
#: How to decide the current suggestion: the start of every review message.
REVIEW_KEYS = "Enter accepts, Backspace rejects"
#: Actions whose keys (Enter, Backspace) work only in the article text.
_TEXT_ONLY = ("accept_suggestion", "reject_suggestion")
STATUS_MS = 8000


@dataclass(frozen=True, slots=True)
class _Request:
    article_id: int
    store: bool  # store new suggestions (else only read the scores)
    opened: bool  # for the article opened (cancelled when another one is opened)
    asked: bool = False  # the reader asked (Ctrl+Shift+G): say so when none are new


def install(window: MainWindow) -> Review:
    """Wire the Annotate menu's suggestion actions and background suggesting."""
    return Review(window)


class Review(QObject):
    """The current suggestion, the review keys and the background suggesting queue."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.controller = window.controller
        self.current_id: int | None = None
        #: Scores of pending suggestions of the article shown, by annotation id.
        self.scores: dict[int, float] = {}
        self._queue: list[_Request] = []
        self.job: Job | None = None
        self._running: _Request | None = None
        self._job_db = ""
        self._shown_article: int | None = None
        #: Suggestions decided here (accepted or rejected) → the suggestion that was
        #: current then: when an undo makes one pending again, that one is current again.
        self._decided: dict[int, int] = {}
        actions = window.actions_by_name
        self.actions = actions
        handlers: dict[str, Callable[[], object]] = {
            "next_suggestion": lambda: self.step(True),
            "previous_suggestion": lambda: self.step(False),
            "accept_suggestion": self.accept,
            "reject_suggestion": self.reject,
            "accept_all_suggestions_of_tag": self.accept_all_of_tag,
            "suggest_article": self.suggest_current,
        }
        for name, handler in handlers.items():
            actions[name].triggered.connect(lambda _c=False, h=handler: h())
        for name in _TEXT_ONLY:
            action = actions[name]
            window.removeAction(action)
            window.view.addAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        # The same keys in the annotations pane, on its selected rows when they are all
        # suggestions (else Backspace deletes there, as it always did): the status bar
        # says "Enter accepts, Backspace rejects" wherever the reader clicked one.
        table = window.annotations.table
        for name, status in (("accept_suggestion", "accepted"), ("reject_suggestion", "rejected")):
            in_pane = QAction(actions[name].text(), table)
            in_pane.setShortcuts(actions[name].shortcuts())
            in_pane.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            in_pane.triggered.connect(lambda _c=False, s=status: self.decide_in_pane(s))
            table.addAction(in_pane)
        actions["suggest_automatically"].toggled.connect(self._auto_toggled)
        window.view.annotationClicked.connect(self._clicked)
        window.annotations.annotationActivated.connect(self._clicked)
        window.annotations.attributeEdited.connect(self.edit_attribute)
        window.annotations.decideRequested.connect(self.decide_in_pane)
        window.view.cursorPositionChanged.connect(self._revalidate_soon)
        self._revalidate_timer = QTimer(self)
        self._revalidate_timer.setSingleShot(True)
        self._revalidate_timer.setInterval(0)
        self._revalidate_timer.timeout.connect(self._revalidate)
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.setInterval(0)
        self._start_timer.timeout.connect(self._start_next)
        self.controller.changed.connect(self._on_changed)
        self.controller.articlesImported.connect(self._imported)
        self._on_changed(Changes(database=True, article=True))

    # -- the current suggestion -----------------------------------------------------------

    def current(self) -> Annotation | None:
        """The current suggestion: still pending and under the text cursor."""
        if self.current_id is None:
            return None
        a = self.controller.annotations.get(self.current_id)
        if a is None or a.status != PENDING:
            return None
        view = self.window.view
        position = view.position_map().from_qt(view.textCursor().position())
        return a if a.start <= position <= a.end else None

    def set_current(self, a: Annotation | None, *, select: bool = True) -> None:
        """Make ``a`` current: select its text, scroll to it, list it, say what it is."""
        self.current_id = None if a is None else a.id
        if a is not None:
            if select:
                self.window.view.select_span(a.start, a.end)
            self.window.annotations.select_annotation(a.id)
            self.window.statusBar().showMessage(self.describe(a), STATUS_MS)
        self._update_actions()

    def describe(self, a: Annotation, *, before: str = "", wrapped: bool = False) -> str:
        """ "Enter accepts, Backspace rejects · Suggestion 3 of 41: Figure “$53 billion” ·
        value 53000000000 · unit USD · score 0.87": the keys first, so that a narrow status
        bar (~300 px at 1,024 px) cuts the details, not how to decide; ``before``: what was
        just done ("Rejected “…”."), after the keys."""
        number, total = pending_number(self.controller.session, a)
        tag = self.controller.tag(a.tag)
        where = f"Suggestion {number} of {total}{' (wrapped round)' if wrapped else ''}"
        lead = f"{REVIEW_KEYS} · {before} " if before else f"{REVIEW_KEYS} · "
        parts = [f"{lead}{where}: {tag.label if tag else a.tag} {quote(a.text, 50)}"]
        keys = list(review_keys(a)) + [k for k in a.attributes if k not in review_keys(a)]
        parts.extend(f"{key} {a.attributes[key]}" for key in keys if key in a.attributes)
        score = self.scores.get(a.id)
        if score is not None:
            parts.append(f"score {score:.2f}")
        return " · ".join(parts)

    def _update_actions(self) -> None:
        """Enabled while a suggestion is current, and while the article has any to review:
        then Enter or Backspace away from one says how to reach one (they did nothing)."""
        has = self.current_id is not None or self.window.annotations.model.pending > 0
        for name in _NEED_CURRENT:
            self.actions[name].setEnabled(has)

    def _revalidate_soon(self) -> None:
        if self.current_id is not None:
            self._revalidate_timer.start()

    def _revalidate(self) -> None:
        """The cursor moved off the current suggestion (or it was decided): none is current."""
        if self.current_id is not None and self.current() is None:
            self.current_id = None
            self._update_actions()

    def _clicked(self, annotation_id: int) -> None:
        a = self.controller.annotations.get(annotation_id)
        if a is not None and a.status == PENDING:
            self.set_current(a, select=False)

    def step(self, forward: bool) -> Annotation | None:
        """Go to the next (previous) pending suggestion, wrapping round."""
        if self.controller.article is None:
            self.window.show_message("Open an article first.")
            return None
        view = self.window.view
        position = view.position_map().from_qt(view.textCursor().selectionStart())
        found, wrapped = self._pending(position=position, current=self.current(), forward=forward)
        if found is None:
            self.set_current(None)
            key = self.actions["suggest_article"].shortcut().toString()
            self.window.show_message(f"No suggestions to review here. {key} suggests some.")
            return None
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.set_current(found)
        if wrapped:
            self.window.statusBar().showMessage(self.describe(found, wrapped=True), STATUS_MS)
        return found

    # -- deciding -----------------------------------------------------------------------

    def accept(self) -> None:
        self._decide("accepted")

    def reject(self) -> None:
        self._decide("rejected")

    def _decide(self, status: str) -> None:
        a = self.current()
        if a is None:
            self._no_current()
            return
        after, _ = self._pending(position=a.end, current=a, forward=True)
        ids = [a.id]
        if (
            self._run(
                lambda s: (
                    s.accept_suggestions(ids) if status == "accepted" else s.reject_suggestions(ids)
                )
            )
            is None
        ):
            return
        self._decided[a.id] = a.id
        verb = "Accepted" if status == "accepted" else "Rejected"
        self._go_on(after, a, f"{verb} {quote(a.text, 40)}.")

    def accept_all_of_tag(self) -> None:
        """Accept every pending suggestion of the current one's tag in this article."""
        a = self.current()
        if a is None:
            self._no_current()
            return
        after, _ = self._pending(position=a.end, current=None, forward=True, other_than_tag=a.tag)
        changes = self._run(lambda s: s.accept_suggestions_of_tag(a.article_id, a.tag))
        if changes is None:
            return
        ids = [x.id for x in changes.annotations_updated]
        self._decided.update(dict.fromkeys(ids, a.id))
        tag = self.controller.tag(a.tag)
        self._go_on(after, a, f"Accepted {len(ids)} {tag.label if tag else a.tag} suggestions.")

    def decide_in_pane(self, status: str) -> None:
        """Enter/Backspace in the annotations pane: accept/reject the selected rows if they
        are all pending suggestions (one undo step), then select the next suggestion there;
        otherwise the pane's own keys: Backspace deletes the selected annotations, Enter shows
        the current one in the text."""
        pane = self.window.annotations
        selected = pane.selected_annotations()
        if not selected:
            return
        if any(a.status != PENDING for a in selected):
            if status == "rejected":
                pane.deleteRequested.emit([a.id for a in selected])
            else:
                current = pane.table.currentIndex()
                if current.isValid():
                    pane.table.activated.emit(current)
                else:
                    pane.annotationActivated.emit(selected[-1].id)
            return
        ids = [a.id for a in selected]
        last = selected[-1]
        after, _ = self._pending(position=last.end, current=None, forward=True, excluding=ids)
        if (
            self._run(
                lambda s: (
                    s.accept_suggestions(ids) if status == "accepted" else s.reject_suggestions(ids)
                )
            )
            is None
        ):
            return
        self._decided.update(dict.fromkeys(ids, selected[0].id))
        verb = "Accepted" if status == "accepted" else "Rejected"
        what = quote(last.text, 40) if len(ids) == 1 else f"{len(ids)} suggestions"
        self._go_on(after, last, f"{verb} {what}.")

    def _pending(
        self,
        *,
        position: int,
        current: Annotation | None,
        forward: bool,
        other_than_tag: str | None = None,
        excluding: list[int] | None = None,
    ) -> tuple[Annotation | None, bool]:
        """The pending suggestion after (before) ``current`` or ``position``, wrapping
        round (see :func:`~clipper.operations.review.pending_step`): found by the store,
        only that one read."""
        article_id = self.controller.article_id
        if article_id is None:
            return None, False
        found, wrapped = pending_step(
            self.controller.session,
            article_id,
            position=position,
            current=current,
            forward=forward,
            other_than_tag=other_than_tag,
            excluding=excluding or (),
        )
        return (None if found is None else self.controller.annotations.get(found)), wrapped

    def _go_on(self, after: Annotation | None, decided: Annotation, message: str) -> None:
        nxt = None if after is None else self.controller.annotations.get(after.id)
        if nxt is not None and nxt.status == PENDING and nxt.id != decided.id:
            self.set_current(nxt)
            self.window.statusBar().showMessage(self.describe(nxt, before=message), STATUS_MS)
            return
        self.set_current(None)
        self.window.show_message(f"{message} No more suggestions to review in this article.")

    def _no_current(self) -> None:
        if self.window.annotations.model.pending == 0:
            key = self.actions["suggest_article"].shortcut().toString()
            self.window.show_message(f"No suggestions to review here. {key} suggests some.")
            return
        key = self.actions["next_suggestion"].shortcut().toString()
        self.window.show_message(f"Go to a suggestion first ({key}).")

    def _run(self, operation: Callable[[Session], CoreChanges]) -> CoreChanges | None:
        """Run an operation through the controller; ``None`` (said in the status bar)
        if it was refused."""
        try:
            return self.controller.run(operation)
        except ClipperError as exc:
            report_failed_change(exc, self.window.show_message)
            return None

    def edit_attribute(self, annotation_id: int, key: str, text: str) -> None:
        """A data field typed in the annotations pane (value, unit, speaker): undoable."""
        try:
            value = review_value(key, text)
        except ClipperError as exc:
            self.window.show_message(f"Not saved: {exc.message}")
            a = self.controller.annotations.get(annotation_id)
            if a is not None:
                self.window.annotations.update(a)  # the field shows the stored value again
            return
        if (
            self._run(lambda s: s.edit_annotation(annotation_id, attributes={key: value}))
            is not None
        ):
            self.window.show_message(f"Saved {key}.")

    # -- what changed ---------------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        if changes.database:
            action = self.actions["suggest_automatically"]
            action.blockSignals(True)
            action.setChecked(auto_suggest(self.controller.session))
            action.blockSignals(False)
            self._queue.clear()
            self.scores.clear()
            self._decided.clear()
        if changes.article:
            article_id = self.controller.article_id
            if article_id != self._shown_article:
                self._shown_article = article_id
                self.scores.clear()
                self._decided.clear()
                self.set_current(None)
                if article_id is not None:
                    self._article_opened(article_id)
            else:
                self._revalidate_soon()
        elif changes.updated or changes.removed:
            self._current_again(changes.updated)
            self._revalidate_soon()
        self._update_actions()

    def _current_again(self, updated: tuple[Annotation, ...]) -> None:
        """Suggestions decided here that are pending again (the decision was undone): the
        one that was current when it was decided is current again (selected, scrolled
        to, the keyboard in the text), so that Enter or Backspace decides it anew."""
        back = [a for a in updated if a.status == PENDING and a.id in self._decided]
        if not back:
            return
        was = {self._decided.pop(a.id) for a in back}
        again = [a for a in back if a.id in was] or sorted(back, key=lambda a: (a.start, a.id))
        a = again[0]
        self.window.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.set_current(a)
        # after the window's "Undid: …" message
        QTimer.singleShot(0, lambda: self._say_current_again(a.id))

    def _say_current_again(self, annotation_id: int) -> None:
        """(Once the views have the undone suggestion back: its row in the pane too.)"""
        a = self.current()
        if a is None or a.id != annotation_id:
            return
        self.window.annotations.select_annotation(a.id)
        message = self.window.statusBar().currentMessage()
        said = message if message.startswith("Undid") else f"{quote(a.text, 40)}"
        self.window.statusBar().showMessage(f"{REVIEW_KEYS} · {said} — current again", STATUS_MS)

    def _article_opened(self, article_id: int) -> None:
        auto = self.actions["suggest_automatically"].isChecked()
        has_pending = self.controller.annotations.has_pending()  # a count: nothing read
        if auto or has_pending:
            self.enqueue(_Request(article_id, store=auto, opened=True), first=True)

    def _imported(self, article_ids: list[int]) -> None:
        if self.actions["suggest_automatically"].isChecked():
            for article_id in article_ids:
                self.enqueue(_Request(article_id, store=True, opened=False))

    def _auto_toggled(self, on: bool) -> None:
        try:
            set_auto_suggest(self.controller.session, on)
        except ClipperError as exc:
            report_failed_change(exc, self.window.show_message)
            return
        if on:
            self.window.show_message(
                "Suggesting for each article opened or imported (this database)."
            )
            if self.controller.article_id is not None:
                self.enqueue(
                    _Request(self.controller.article_id, store=True, opened=True), first=True
                )
        else:
            self.window.show_message("No more suggesting when articles are opened or imported.")

    def suggest_current(self) -> None:
        """Annotate › Suggest for this article (Ctrl+Shift+G)."""
        article = self.controller.article
        if article is None:
            self.window.show_message("Open an article first.")
            return
        self.window.show_message(f"Suggesting for {quote(article.title, 40)}…")
        self.enqueue(_Request(article.id, store=True, opened=True, asked=True), first=True)

    # -- the background queue -------------------------------------------------------------

    def enqueue(self, request: _Request, *, first: bool = False) -> None:
        """Suggest for an article in the background (one job at a time). An article opened
        goes first and cancels the run for an article opened before."""
        same = [r for r in self._queue if r.article_id == request.article_id]
        if same:  # one request per article: storing if any stores, kept if any is kept
            request = _Request(
                request.article_id,
                store=request.store or any(r.store for r in same),
                opened=request.opened and all(r.opened for r in same),
                asked=request.asked or any(r.asked for r in same),
            )
        self._queue = [
            r
            for r in self._queue
            if not (r.article_id == request.article_id or (request.opened and r.opened))
        ]
        running = self._running
        if running is not None and request.opened and running.opened and self.job is not None:
            if running.article_id != request.article_id or request.store > running.store:
                self.job.cancel()
            elif running.article_id == request.article_id:
                return  # running already
        if first:
            self._queue.insert(0, request)
        else:
            self._queue.append(request)
        # after the events already queued (the opened article's first paint): the job's
        # Python code shares the interpreter lock with the UI thread
        self._start_timer.start()

    def busy(self) -> bool:
        """Is a suggesting job running or waiting?"""
        return self.job is not None or bool(self._queue) or self._start_timer.isActive()

    def _start_next(self) -> None:
        if self.job is not None or not self._queue:
            return
        request = self._queue.pop(0)
        coder = self.controller.coder

        def run(ctx: JobContext) -> SuggestRun:
            session = Session(ctx.store, coder=coder)
            return suggest_article(
                session, request.article_id, store=request.store, cancelled=ctx.cancelled
            )

        job = Job(self.controller.db_path, run, self)
        job.finished.connect(lambda result: self._finished(request, result))
        job.failed.connect(lambda exc: self._failed(request, exc))
        self.job, self._running, self._job_db = job, request, self.controller.db_path
        job.start()

    def _job_ended(self, job: Job | None) -> None:
        self.job, self._running = None, None
        if job is not None:
            job.deleteLater()
        self._start_next()

    def _finished(self, request: _Request, result: SuggestRun) -> None:
        job = self.job
        same_db = self._job_db == self.controller.db_path
        if same_db and request.article_id == self.controller.article_id:
            self._show_run(result, asked=request.asked)
        self._job_ended(job)

    def _show_run(self, result: SuggestRun, *, asked: bool = False) -> None:
        """Scores and new suggestions of the article on screen."""
        self.controller.show_stored(CoreChanges(annotations_added=result.added))
        scores = pending_scores(self.controller.session, result.article_id, result.scores)
        self.scores.update(scores)
        self.window.annotations.model.set_scores(scores)
        if result.added:
            n = len(result.added)
            key = self.actions["next_suggestion"].shortcut().toString()
            self.window.show_message(
                f"{n} new suggestion{'s' if n != 1 else ''} — {key} goes to the next one."
            )
        elif asked:  # else the "Suggesting for …" message would be the last word
            waiting = tag_counts(self.controller.session, result.article_id).pending
            self.window.show_message(
                "No new suggestions for this article"
                + (f" ({waiting} waiting for review)." if waiting else ".")
            )

    def _failed(self, request: _Request, exc: BaseException) -> None:
        job = self.job
        if not isinstance(exc, Cancelled) and self._job_db == self.controller.db_path:
            message = exc.message if isinstance(exc, ClipperError) else str(exc)
            self.window.show_message(
                f"Suggesting failed for article {request.article_id}: {message}"
            )
        self._job_ended(job)
