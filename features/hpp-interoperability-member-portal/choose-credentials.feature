@guide:hpp-interoperability-member-portal
Feature: Choosing a username, a password and an e-mail address
  The first registration screen asks for a username, a new password typed
  twice, and an e-mail address, then offers "Send verification code".

  The guide's "3 out of 4" list names three items ("One lowercase letter, One
  uppercase letter, Numbers or symbols"): we read it as Azure AD B2C's rule,
  which counts numbers and symbols as two separate kinds, so a password needs
  three of lowercase, uppercase, number and symbol. The symbols B2C counts are
  these: @ # $ % ^ & * - _ + = [ ] { } | \ : ' , . ? / ` ~ " ( ) ; ! and any
  other character (a space, an accented letter) is refused.

  The guide gives no username rules: we use 3 to 64 letters, digits and
  . _ - @, starting with a letter or digit.

  Background:
    Given Jane Doe is a member of the plan with Member ID "HP12345678", born "03-14-1985"

  Rule: Every field of the first screen is required

    @step:register-1 @step:register-2 @step:register-3
    Scenario: Jane leaves every field empty
      When Jane asks for a sign-up verification code leaving every field empty
      Then she is told "This information is required." for each of these fields:
        | username              |
        | new password          |
        | password confirmation |
        | e-mail address        |

    @step:register-1
    Scenario Outline: Jane leaves out the <field>
      When Jane asks for a sign-up verification code leaving out the <field>
      Then she is told "This information is required." for the <field>

      Examples:
        | field                 |
        | username              |
        | new password          |
        | password confirmation |
        | e-mail address        |

  Rule: Usernames are unique regardless of letter case, and cannot be changed

    @step:register-1
    Scenario: Jane types her preferred username
      When Jane asks for a sign-up verification code with the username "Adamtest"
      Then she receives an e-mail with a 6-digit verification code

    @step:register-1
    Scenario: A username that breaks the rules is refused
      When Jane asks for a sign-up verification code with the username "-jane doe"
      Then she is told "Please enter a valid Username." for the username

    @step:register-1
    Scenario: A username already taken in another letter case is refused
      Given Jane has an active account
      When Maria asks for a sign-up verification code with the username "JANEDOE"
      Then she is told "A user with the specified ID already exists. Please choose a different one." for the username

    @step:register-1a
    Scenario: Usernames cannot be changed
      Given Jane has an active account
      When Jane asks to change her username to "JaneDoe2026"
      Then she is told "Usernames cannot be changed. To use a different username, register a new account."

    @step:register-1a
    Scenario: To use another username, Jane registers a new account
      Given Jane has an active account
      And Jane chooses the username "JaneDoe2026"
      When Jane asks for a sign-up verification code
      Then she receives an e-mail with a 6-digit verification code

  Rule: The password must be between 8 and 64 characters with 3 of the 4 kinds of character

    @step:register-2 @step:register-2a @step:register-2b
    Scenario Outline: "<password>" is accepted (<why>)
      When Jane asks for a sign-up verification code with the password "<password>"
      Then she receives an e-mail with a 6-digit verification code

      Examples: Three or four kinds of character, 8 to 64 long
        | password                                                         | why                                |
        | Spring#2026                                                      | all four kinds                     |
        | spring2026X                                                      | lowercase, uppercase, numbers      |
        | spring#Garden                                                    | lowercase, uppercase, symbols      |
        | spring#2026                                                      | lowercase, numbers, symbols        |
        | SPRING#2026                                                      | uppercase, numbers, symbols        |
        | Ab1#Ab1#                                                         | exactly 8 characters               |
        | Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1# | exactly 64 characters              |
        | a[b]{c}\|d:e;f,g.h?i/j~k(l)m!n@o$p%q^r&s*t-u_v+w=x`y'z1          | every B2C symbol with letters      |

    @step:register-2 @step:register-2a @step:register-2b
    Scenario Outline: "<password>" is refused (<why>)
      When Jane asks for a sign-up verification code with the password "<password>"
      Then she is told "<message>" for the new password
      And the new password breaks the rule "<rule>"

      Examples: Outside 8 to 64 characters
        | password                                                          | why             | rule               | message                                             |
        | Ab1#Ab1                                                           | 7 characters    | password.too-short | The password must be between 8 and 64 characters. |
        | Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#Aa1#A | 65 characters   | password.too-long  | The password must be between 8 and 64 characters. |

      Examples: Fewer than three kinds of character
        | password     | why                          | rule                     | message                                                                                                  |
        | springgarden | lowercase only               | password.too-few-classes | The password must have at least 3 of the following: a lowercase letter, an uppercase letter, a number, a symbol. |
        | springGarden | lowercase and uppercase only | password.too-few-classes | The password must have at least 3 of the following: a lowercase letter, an uppercase letter, a number, a symbol. |
        | 2026#2027!   | numbers and symbols only     | password.too-few-classes | The password must have at least 3 of the following: a lowercase letter, an uppercase letter, a number, a symbol. |

      Examples: Characters B2C does not allow
        | password       | why            | rule                          | message                                                      |
        | Spring 2026#   | a space        | password.disallowed-character | The password contains characters that are not allowed: space. |
        | Café#2026      | an accented é  | password.disallowed-character | The password contains characters that are not allowed: é.     |

    @step:register-2 @step:register-2a @step:register-2b
    Scenario: A password that breaks several rules is told every rule it breaks
      When Jane asks for a sign-up verification code with the password "abc"
      Then the new password breaks the rule "password.too-short"
      And the new password breaks the rule "password.too-few-classes"

  Rule: The password is typed twice, and both must match

    @step:register-2c
    Scenario: The confirmation does not match
      When Jane asks for a sign-up verification code with the password "Spring#2026" confirmed as "Spring#2027"
      Then she is told "The password entry fields do not match. Please enter the same password in both fields and try again." for the password confirmation
      And the new password is accepted

  Rule: A working e-mail address is required

    @step:register-3
    Scenario: Jane gives her e-mail address
      When Jane asks for a sign-up verification code with the e-mail address "JaneDoe@gmail.com"
      Then she receives an e-mail with a 6-digit verification code

    @step:register-3
    Scenario Outline: "<address>" is not an e-mail address
      When Jane asks for a sign-up verification code with the e-mail address "<address>"
      Then she is told "Please enter a valid Email Address." for the e-mail address
      And no e-mail is sent to "<address>"

      Examples:
        | address            |
        | JaneDoe            |
        | JaneDoe@gmail      |
        | Jane Doe@gmail.com |
        | @gmail.com         |
        | JaneDoe@gmail..com |
