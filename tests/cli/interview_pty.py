#!/usr/bin/env python3
"""Drives the terminal interview (`galacta interview`) through a
pseudo-terminal, as a person would: answers typed at the prompt, a number
out of range re-asked with the allowed range, "back" to change the last
answer, Ctrl-D to stop (answers saved with --save), Chinese answers
(是 / 否 / 不知道 / 返回), and Ctrl-C then a file name typed at the save prompt.
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


def english(tmp):
    """Answers typed; a bad number re-asked; back; Ctrl-D saves."""
    save = os.path.join(tmp, "answers.json")
    s = Session(["interview", "--save", save])
    bad_number_done = back_done = False
    answers = 0
    while True:
        q = s.question()
        if "How many days old" in q:
            s.send("5\r")
        elif "wet diapers" in q and not bad_number_done:
            s.send("lots and lots\r")
            bad_number_done = True
            again = s.question()
            check("from 0 to 30" in again, "a bad number is re-asked with the allowed range", s)
            s.send("6\r")
        elif "wet diapers" in q:
            s.send("6\r")
        elif "latest check" in q:
            s.send("3100 g at 5 days\r")
        elif "weigh at birth" in q and not back_done:
            s.send("3200\r")
            nxt = s.question()
            s.send("back\r")  # undo 3200: the birth weight is asked again
            back_done = True
            again = s.question()
            check("weigh at birth" in again, "'back' asks the previous question again", s)
            s.send("3300 g\r")
        elif "weigh at birth" in q:
            s.send("3300\r")
        elif "Answer yes, no" in q:
            s.send("no\r")
        else:
            s.send("don't know\r")
        answers += 1
        if back_done and answers >= 12:
            break
    s.question()
    s.send("\x04")  # Ctrl-D at an empty prompt: stop
    s.read_until(rb"Stopped")
    s.read_until(rb"saved in")
    code = s.wait()
    check(code == 0, f"exit status 0 after Ctrl-D, not {code}", s)
    case = json.load(open(save))
    check(case["format"] == "galacta-case/1", "the saved file is a case")
    check(case["infant"]["age_days"] == 5, "age saved")
    check(case["infant"]["wet_diapers_per_24h"] == 6, "the re-asked number is saved")
    check(case["infant"]["birth_weight_g"] == 3300, "the answer given after 'back' replaces the first")
    check(case["infant"]["weights"] == [{"age_days": 5, "weight_g": 3100}], "weights saved")
    text = s.out.decode("utf-8", "replace")
    check("Likely causes" in text, "the assessment is shown at the end", s)
    check("Question 1" in text, "progress is shown", s)


def chinese(tmp):
    """是 / 否 / 不知道 / 返回; Ctrl-C; a file name typed at the save prompt."""
    save = os.path.join(tmp, "zh.json")
    s = Session(["interview", "--lang", "zh-Hans"])
    q = s.question()
    check("宝宝出生多少天" in q, "the first question is the baby's age, in Chinese", s)
    s.send("10 天\r")
    q = s.question()
    s.send("否\r")
    q2 = s.question()
    s.send("返回\r")
    q3 = s.question()
    check(q3.strip().splitlines()[-2:] == q.strip().splitlines()[-2:] or q3.split("\n")[1:3] == q.split("\n")[1:3],
          "返回 goes back one question", s)
    s.send("不知道\r")
    for _ in range(10):  # the next yes/no question gets 是
        q = s.question()
        if "请回答：是、否" in q:
            s.send("是\r")
            break
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
    check(case["language"] == "zh-Hans", "language saved", s)
    values = list(case.get("findings", {}).values()) + list(case.get("mother", {}).values())
    check(None in values and True in values, "不知道 is saved as null and 是 as true", s)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        english(tmp)
        chinese(tmp)
    print("interview_pty: all passed")


if __name__ == "__main__":
    main()
