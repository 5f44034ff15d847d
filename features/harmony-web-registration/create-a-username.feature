@guide:harmony-web-registration
Feature: Step 5 – Create a username, a security question and its answer
  "Create a username and select a security question and answer. A
  confirmation page will be displayed. Print this page for your records."

  Where the guide is silent we chose: a username is 3 to 64 letters, digits
  and . _ - @, starting with a letter or a digit, and is unique regardless of
  letter case among members and providers alike, since they share one
  sign-in. The security question is one of the plan's five. The answer is
  required, 2 to 100 characters, and kept only as a keyed hash of its
  normalised form: letter case and spacing do not matter. The confirmation
  page shows the registration reference, the username, the provider and
  the date and time of registration, in Eastern time.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Grace has told Harmony about the practice and herself

  Rule: A username is 3 to 64 letters, digits and . _ - @, and nobody else's in any letter case
    "Create a username"

    @step:step-5
    Scenario: Grace creates her username
      When Grace creates the username "GOkafor"
      Then Grace's confirmation page reads:
        | Username | GOkafor |

    @step:step-5
    Scenario Outline: "<username>" is refused (<why>)
      When Grace creates the username "<username>"
      Then she is told "Username must be 3 to 64 characters: letters, digits and . _ - @, starting with a letter or digit." for the username
      And Grace receives no e-mail

      Examples:
        | username                                                          | why                   |
        | GO                                                                | two characters        |
        | -gokafor                                                          | starts with a dash    |
        | Grace Okafor                                                      | a space               |
        | g.okafor#rfp                                                      | a # sign              |
        | gokafor.riverside.family.practice.tampa.florida.office.manager.01 | 65 characters         |

    @step:step-5 @step:home-1
    Scenario: A username a member already holds is taken, in any letter case
      Given Marcus Bell is a member of the plan with Member ID "HH40718253", born "07-04-1979"
      And Marcus has an active account
      When Grace creates the username "marcusbell"
      Then she is told "That username is taken. Please choose another." for the username

    @step:step-5
    Scenario: A username another practice's user holds is taken
      Given Daniel Reyes is the office manager of "Bayshore Pediatrics", Provider ID "HP005678", ZIP code "33606", Tax ID "59-7654321"
      And Daniel has registered his practice with the username "frontdesk"
      When Grace creates the username "FrontDesk"
      Then she is told "That username is taken. Please choose another." for the username

  Rule: A security question from the plan's list, and its answer, are required
    "select a security question and answer"

    @step:step-5a
    Scenario: The plan offers five security questions
      Then the security questions offered are:
        | What was the name of your first pet?             |
        | In what city were you born?                      |
        | What was the name of your first school?          |
        | What was the make of your first car?             |
        | What was the last name of your favorite teacher? |

    @step:step-5a
    Scenario: Grace picks a question from the list
      When Grace creates her username with the security question "In what city were you born?"
      Then Grace's confirmation page shows a registration reference

    @step:step-5a
    Scenario: A question of Grace's own making is refused
      When Grace creates her username with the security question "What is your favorite color?"
      Then she is told "Security question must be one of the plan's questions." for the security question
      And Grace receives no e-mail

    @step:step-5 @step:step-5a
    Scenario Outline: Grace leaves out the <field>
      When Grace creates her username leaving out the <field>
      Then she is told "<message>" for the <field>
      And she is told nothing else

      Examples:
        | field             | message                         |
        | username          | Please enter Username.          |
        | security question | Please enter Security question. |
        | security answer   | Please enter Security answer.   |

    @step:step-5 @step:step-5a
    Scenario: Grace leaves every field empty
      When Grace creates her username leaving every field empty
      Then she is told, all at once:
        | username          | Please enter Username.          |
        | security question | Please enter Security question. |
        | security answer   | Please enter Security answer.   |

    @step:step-5a
    Scenario: An answer of one letter is refused
      When Grace creates her username with the security answer "B"
      Then she is told "Security answer must be 2 to 100 characters." for the security answer

  Rule: The answer is the same answer whatever its letter case and spacing
    The guide is silent: people rarely remember how they capitalised or spaced an answer.

    @step:step-5a @step:forgot-3
    Scenario Outline: Grace chose "  Biscuit " and later answers "<typed>"
      When Grace creates her username with the security answer "  Biscuit "
      And Grace answers her security question with "<typed>"
      Then Grace receives an e-mail with a new temporary password

      Examples:
        | typed   |
        | Biscuit |
        | biscuit |
        | BISCUIT |

    @step:step-5a @step:forgot-4
    Scenario: Another answer is not the same answer
      When Grace creates her username with the security answer "  Biscuit "
      And Grace answers her security question with "Biscuits"
      Then she is told "That answer does not match our records."

  Rule: A confirmation page is displayed, to print for one's records
    "A confirmation page will be displayed. Print this page for your records."

    @step:step-5b
    Scenario: The confirmation page shows what Grace needs to keep
      When Grace creates the username "GOkafor"
      Then Grace's confirmation page shows a registration reference
      And Grace's confirmation page reads:
        | Username   | GOkafor                                          |
        | Provider   | Riverside Family Practice (Provider ID HP001234) |
        | Registered | November 22, 2026 at 9:00 AM EST                 |
      And Grace's confirmation page says "Please print this page for your records."

    @step:step-5b
    Scenario: The confirmation page shows when Grace registered
      When 20 minutes pass
      And Grace creates the username "GOkafor"
      Then Grace's confirmation page reads:
        | Registered | November 22, 2026 at 9:20 AM EST |
