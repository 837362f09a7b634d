#!/usr/bin/env python3
"""Drives the terminal interview (`galacta interview`) through a
pseudo-terminal, as a person would: answers typed at the prompt; a group of
questions on one screen answered as a numbered list ("3", "none", "1 ?")
and then its numbers and choices one by one; a number out of range, inside
a group, re-asked with the allowed range; "back" within a group (the part
before) and from a group's first part (the previous question); Ctrl-D
mid-group (answers saved with --save, those of the unfinished screen too);
in Chinese, from a case file to continue (是 / 否 / 不知道 / 返回, a
Chinese list re-asked, a choice shown by its Chinese label), Ctrl-C
mid-group then a file name typed at the save prompt.
Questions are recognised by their text, not their order, so the test does
not depend on which question the KB asks next.
Usage: interview_pty.py GALACTA_BINARY"""
import json
import os
import pty
import re
import select
import signal
import sys
import tempfile
import time

GALACTA = sys.argv[1]
TIMEOUT = 20.0


class Session:
    def __init__(self, args):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            env = dict(os.environ, TERM="xterm", NO_COLOR="1", LC_ALL="C.UTF-8")
            os.execvpe(GALACTA, [GALACTA] + args, env)
        self.out = b""
        self.seen = 0  # output already handled

    def read_until(self, pattern, timeout=TIMEOUT):
        """Reads until pattern (regex on bytes) matches after self.seen."""
        end = time.time() + timeout
        rx = re.compile(pattern)
        while True:
            m = rx.search(self.out, self.seen)
            if m:
                return m
            left = end - time.time()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {pattern!r}; output so far:\n"
                                     + self.out.decode("utf-8", "replace"))
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    data = b""
                if not data:
                    m = rx.search(self.out, self.seen)
                    if m:
                        return m
                    raise AssertionError(f"galacta exited while waiting for {pattern!r}; output:\n"
                                         + self.out.decode("utf-8", "replace"))
                self.out += data

    def question(self):
        """Waits for the next prompt; returns the question text before it."""
        m = self.read_until(rb"\n> ")
        chunk = self.out[self.seen:m.end()].decode("utf-8", "replace")
        self.seen = m.end()
        return chunk

    def send(self, text):
        # A person does not answer within a millisecond of the prompt; give
        # libedit time to switch the terminal to its editing mode (input
        # typed before that is echoed twice, and a Ctrl-D can be lost).
        time.sleep(0.05)
        os.write(self.fd, text.encode("utf-8"))

    def wait(self):
        end = time.time() + TIMEOUT
        while time.time() < end:
            try:
                r, _, _ = select.select([self.fd], [], [], 0.2)
                if r:
                    data = os.read(self.fd, 65536)
                    if data:
                        self.out += data
            except OSError:
                pass
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError("galacta did not exit")


def check(cond, msg, s=None):
    if not cond:
        print("FAIL:", msg)
        if s is not None:
            print(s.out.decode("utf-8", "replace"))
        sys.exit(1)


def numbered(chunk):
    """The numbered lines of a screen ("  2) Fever"): label -> number."""
    return {m.group(2).strip(): m.group(1) for m in re.finditer(r"(?m)^  (\d+)\) (.*)$", chunk)}


def pick(chunk, *words):
    """The number of the one listed line that holds all words (in any case):
    items are found by a word of their text, which may be worded anew."""
    hits = [n for text, n in numbered(chunk).items() if all(w.lower() in text.lower() for w in words)]
    check(len(hits) == 1, f"one listed item about {words}, not {hits}:\n{chunk}")
    return hits[0]


CHECKLIST = "Type the numbers of all that apply"


def english(tmp):
    """A fresh interview: the safety screen's list and its numbers, a bad
    number re-asked, back within a group and back to the previous question,
    an enum item by its number, Ctrl-D mid-group; --save keeps it all."""
    save = os.path.join(tmp, "answers.json")
    s = Session(["interview", "--save", save])
    bad_number_done = back_to_question_done = back_in_group_done = safety_done = False
    safety_screens = 0
    while True:
        q = s.question()
        if "How many days old" in q:
            s.send("5\r")
        elif "latest check" in q:
            s.send("3100 g at 5 days\r")
        elif "Do any of these apply now?" in q and CHECKLIST in q:
            # The safety screen: the yes/no items numbered from 1; one
            # typed number is yes to it and no to every other.
            safety_screens += 1
            numbers = sorted(int(n) for n in numbered(q).values())
            check(numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 5,
                  f"the list is numbered from 1: {numbers}", s)
            check(pick(q, "harm") == "1", "thoughts of self-harm come first (kb/interview.yaml)", s)
            check("[Question 3]" in q, "progress counts questions: age, weights, then this screen", s)
            s.send(pick(q, "anxious") + "\r")
        elif "wet diapers" in q and not bad_number_done:
            s.send("lots and lots\r")
            bad_number_done = True
            again = s.question()
            check("from 0 to 30" in again and "wet diapers" not in again,
                  "a bad number in a group is re-asked with the allowed range", s)
            s.send("6\r")
        elif "wet diapers" in q:
            s.send("6\r")
        elif "weigh at birth" in q and not back_to_question_done:
            s.send("3200\r")
            nxt = s.question()  # the question after the safety screen
            check("[Question 4]" in nxt, "the next question is number 4", s)
            s.send("back\r")  # undo the whole safety screen
            back_to_question_done = True
            again = s.question()
            check("[Question 3]" in again and "Do any of these apply now?" in again,
                  "'back' at a question's first part asks the previous question again", s)
            safety_screens += 1
            s.send(pick(again, "anxious") + "\r")
        elif "weigh at birth" in q and not back_in_group_done:
            s.send("back\r")  # back within the group: the part before
            back_in_group_done = True
            again = s.question()
            check("wet diapers" in again and "[Question" not in again,
                  "'back' inside a group asks its previous part again", s)
            s.send("6\r")
            again = s.question()
            check("weigh at birth" in again, "after the part before, the group goes on", s)
            s.send("3300 g\r")
            safety_done = True
        elif safety_done and "About the birth" in q and CHECKLIST in q:
            s.send(pick(q, "placenta") + " ?\r")
            sex = s.question()
            check("girl or a boy" in sex and numbered(sex).get("Girl") == "1" and numbered(sex).get("Boy") == "2",
                  "an enum item shows its choices numbered, by their labels", s)
            s.send("1\r")
            nxt = s.question()
            check("weeks of pregnancy" in nxt, "the group's next item follows", s)
            s.send("\x04")  # Ctrl-D mid-group, at an empty prompt: stop
            break
        elif CHECKLIST in q:
            s.send("none\r")
        else:
            s.send("don't know\r")
    s.read_until(rb"Stopped")
    s.read_until(rb"saved in")
    code = s.wait()
    check(code == 0, f"exit status 0 after Ctrl-D, not {code}", s)
    check(safety_screens == 2, f"the safety screen was asked twice (once more after 'back'), not {safety_screens}", s)
    case = json.load(open(save))
    check(case["format"] == "galacta-case/1", "the saved file is a case")
    infant, findings = case["infant"], case["findings"]
    check(infant["age_days"] == 5, "age saved")
    check(infant["weights"] == [{"age_days": 5, "weight_g": 3100}], "weights saved")
    check(infant["wet_diapers_per_24h"] == 6, "the re-asked number is saved")
    check(infant["birth_weight_g"] == 3300, "the answer given after 'back' replaces the first")
    check(findings["feels_anxious"] is True and findings["fever"] is False and findings["self_harm_thoughts"] is False,
          "a typed number is yes to its item, no to the others")
    check(findings["placenta_incomplete_or_manual_removal"] is True and findings["blood_transfusion_after_birth"] is None,
          "'N ?' is yes to item N, don't know to the others")
    check(infant["sex"] == "female", "choice 1 (Girl) saved as its value")
    check("gestational_age_weeks" not in infant and "delivery_mode" not in case.get("mother", {}),
          "nothing is saved for the parts not reached")
    text = s.out.decode("utf-8", "replace")
    check("Likely causes" in text, "the assessment is shown at the end", s)
    check("at most" not in text, "progress counts questions, with no maximum of answers", s)


def chinese(tmp):
    """Continues from a case file in Chinese (its "language"): 是 / 否 / 不知道
    / 返回, a list answered with 是 re-asked in Chinese, Chinese choice
    labels, Ctrl-C mid-group, a file name typed at the save prompt."""
    start = os.path.join(tmp, "start.json")
    save = os.path.join(tmp, "zh.json")
    # Every safety question but the age, the weights and thoughts of
    # self-harm is answered: self-harm is then due alone, a yes/no question.
    with open(start, "w") as f:
        json.dump({"format": "galacta-case/1", "language": "zh-Hans",
                   "infant": {"wet_diapers_per_24h": 7, "birth_weight_g": 3400},
                   "findings": {k: False for k in ("fever", "breast_redness", "localized_tender_area", "feels_low",
                                                   "feels_anxious", "persistent_heavy_bleeding",
                                                   "infant_sleepy_hard_to_wake", "infant_fever")}}, f)
    s = Session(["interview", start])
    q = s.question()
    check("宝宝出生多少天" in q and "[第1题]" in q, "the first question is the baby's age, in Chinese", s)
    s.send("10 天\r")
    q = s.question()
    check("称重" in q, "then the weights", s)
    s.send("3300 克 在 10 天\r")
    q = s.question()
    check("伤害自己" in q and "请回答：是、否" in q, "then thoughts of self-harm, a yes/no question", s)
    s.send("否\r")
    q = s.question()
    check("关于分娩" in q, "then the screen about the birth", s)
    s.send("返回\r")
    q = s.question()
    check("伤害自己" in q and "[第3题]" in q, "返回 goes back one question", s)
    s.send("是\r")
    q = s.question()
    check("关于分娩" in q and "请输入所有符合情况的序号" in q, "the screen about the birth, as a list", s)
    placenta = pick(q, "胎盘")
    s.send("是\r")  # not an answer to a list
    q = s.question()
    check("请输入上面列出的序号" in q, "a list answered 是 is re-asked, in Chinese", s)
    s.send(placenta + " 不知道\r")  # replaced below, after 返回
    q = s.question()
    check(numbered(q).get("女孩") == "1" and numbered(q).get("男孩") == "2", "the choices in Chinese", s)
    s.send("返回\r")
    q = s.question()
    check("请输入所有符合情况的序号" in q, "返回 inside a group asks the list again", s)
    s.send("不知道\r")
    q = s.question()
    s.send("1\r")
    q = s.question()
    s.send("不知道\r")
    s.question()
    os.kill(s.pid, signal.SIGINT)  # Ctrl-C while waiting for an answer
    s.read_until("已停止".encode())
    s.read_until("请输入文件名".encode())
    s.send(save + "\r")
    s.read_until("已保存".encode())
    code = s.wait()
    check(code == 0, f"exit status 0 after Ctrl-C, not {code}", s)
    case = json.load(open(save))
    check(case["infant"]["age_days"] == 10, "age saved (10 天)", s)
    check(case["infant"]["weights"] == [{"age_days": 10, "weight_g": 3300}], "weights saved (克, 天)", s)
    check(case["language"] == "zh-Hans", "language kept", s)
    check(case["findings"]["self_harm_thoughts"] is True, "是 after 返回 saved as true", s)
    check(case["findings"]["placenta_incomplete_or_manual_removal"] is None,
          "不知道, typed after 返回, replaces the list's first answer: null", s)
    check(case["infant"]["sex"] == "female", "choice 1 saved", s)
    check(case["infant"]["gestational_age_weeks"] is None and "delivery_mode" not in case.get("mother", {}),
          "the answers of the unfinished screen are kept, up to where it stopped", s)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        english(tmp)
        chinese(tmp)
    print("interview_pty: all passed")


if __name__ == "__main__":
    main()
